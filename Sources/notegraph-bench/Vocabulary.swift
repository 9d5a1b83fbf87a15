/// Word lists the synthetic corpus is assembled from. ML research vocabulary, so titles and bodies
/// look like the real notes notegraph is built for (question titles, acronyms, numbers) and text
/// search hits realistic, overlapping terms.
enum Vocabulary {
    /// Methods and techniques: the subjects of most questions.
    static let methods = [
        "instruction tuning", "RLHF", "DPO", "chain-of-thought prompting", "self-consistency",
        "process reward models", "outcome reward models", "best-of-n sampling", "rejection sampling",
        "speculative decoding", "mixture of experts", "LoRA", "QLoRA", "knowledge distillation",
        "curriculum learning", "data deduplication", "synthetic data", "constitutional AI",
        "tool use", "retrieval augmentation", "long-context pretraining", "continued pretraining",
        "reward model ensembles", "KL regularization", "PPO", "GRPO", "test-time search",
        "Monte Carlo tree search", "self-refinement", "verifier-guided decoding", "quantization",
        "sparse attention", "state space models", "model merging", "weight averaging",
        "learning rate warmup", "batch size scaling", "data mixing", "multi-task finetuning",
        "preference optimization", "red teaming", "activation steering", "sparse autoencoders",
        "probing classifiers", "in-context learning", "few-shot prompting", "scratchpads",
        "length penalties", "entropy bonuses", "label smoothing",
    ]

    /// Properties and outcomes a method might improve, hurt, or trade off.
    static let properties = [
        "reasoning accuracy", "calibration", "sample efficiency", "robustness", "faithfulness",
        "truthfulness", "helpfulness", "harmlessness", "output diversity", "generalization",
        "length generalization", "compositional generalization", "memorization", "sycophancy",
        "reward hacking", "mode collapse", "training stability", "inference cost", "latency",
        "throughput", "data efficiency", "transfer", "forgetting", "alignment tax",
        "format adherence", "task understanding", "factual recall", "instruction following",
        "code correctness", "math accuracy", "verbosity", "refusal rates", "jailbreak resistance",
        "interpretability", "scaling behaviour", "emergent abilities", "loss spikes",
        "perplexity", "win rate", "exploration",
    ]

    /// Settings, model families and regimes that qualify a question.
    static let settings = [
        "small models", "7B models", "70B models", "frontier models", "code models",
        "math benchmarks", "multilingual settings", "long-context tasks", "agentic tasks",
        "low-resource languages", "noisy labels", "distribution shift", "multi-turn dialogue",
        "open-ended generation", "closed-book QA", "tool-augmented agents", "vision-language models",
        "on-policy data", "off-policy data", "synthetic benchmarks", "held-out tasks",
        "adversarial prompts", "short training budgets", "compute-optimal training",
        "overtrained models", "sparse rewards", "dense rewards", "human raters", "AI feedback",
        "early training", "late training", "pretraining", "post-training", "deployment",
    ]

    /// Question templates; `{m}`/`{m2}` are methods, `{p}` a property, `{s}` a setting.
    static let questionTemplates = [
        "Does {m} improve {p} in {s}?",
        "Why does {m} hurt {p} in {s}?",
        "When does {m} beat {m2} on {p}?",
        "Is {p} the bottleneck for {m} in {s}?",
        "How does {m} interact with {m2} in {s}?",
        "What limits {p} of {m} at scale?",
        "Can {m} replace {m2} for {s}?",
        "Does {m} teach {p} or only surface form in {s}?",
        "How much {p} does {m} buy over {m2}?",
        "Why does {p} degrade under {m} for {s}?",
        "Is {m} necessary for {p} once {m2} is used?",
        "What explains the {p} gap between {m} and {m2} in {s}?",
    ]

    /// Acronym definitions for paper abstracts ("Direct Preference Optimization (DPO)").
    static let acronyms: [(long: String, short: String)] = [
        ("Direct Preference Optimization", "DPO"), ("Proximal Policy Optimization", "PPO"),
        ("Reinforcement Learning from Human Feedback", "RLHF"), ("Low-Rank Adaptation", "LoRA"),
        ("Group Relative Policy Optimization", "GRPO"), ("Process Reward Model", "PRM"),
        ("Outcome Reward Model", "ORM"), ("Mixture of Experts", "MoE"),
        ("Supervised Fine-Tuning", "SFT"), ("Chain of Thought", "CoT"),
        ("Retrieval-Augmented Generation", "RAG"), ("Monte Carlo Tree Search", "MCTS"),
        ("Kullback–Leibler", "KL"), ("Sparse Autoencoder", "SAE"),
        ("Reinforcement Learning from AI Feedback", "RLAIF"), ("State Space Model", "SSM"),
        ("Key-Value", "KV"), ("Large Language Model", "LLM"),
    ]

    static let tags = [
        "alignment", "sft", "rl", "reasoning", "evaluation", "scaling", "efficiency", "data",
        "interpretability", "safety", "agents", "retrieval", "decoding", "pretraining",
        "distillation", "benchmarks", "theory", "optimization", "long-context", "multimodal",
    ]

    static let collections = [
        "Training, RL, and Test-Time Scaling", "Reasoning and Verification", "Data and Curation",
        "Evaluation and Benchmarks", "Interpretability", "Efficiency and Inference",
        "Safety and Robustness", "Agents and Tool Use", "Architectures", "Scaling Laws",
        "Post-Training Recipes", "Open Questions",
    ]

    static let verbs = [
        "improves", "degrades", "stabilizes", "amplifies", "masks", "explains", "predicts",
        "correlates with", "trades off against", "saturates", "dominates", "undercuts",
    ]

    static let connectives = [
        "In contrast,", "Notably,", "However,", "As a result,", "Surprisingly,", "In practice,",
        "Taken together,", "At larger scale,", "Under ablation,", "By comparison,",
    ]

    static let hedges = [
        "the effect is small but consistent", "the gain disappears with more data",
        "the result holds across three model sizes", "the evidence is mostly from one lab",
        "the baseline was under-tuned", "the metric may reward surface form",
        "the trend reverses at the largest scale", "the improvement is within seed variance",
    ]

    static let citationLeadIns = [
        "as shown in", "as argued in", "consistent with", "contradicting", "building on",
        "see also", "following", "unlike the findings in",
    ]

    static let surnames = [
        "Chen", "Ouyang", "Rafailov", "Schulman", "Wei", "Kaplan", "Hoffmann", "Touvron", "Zhou",
        "Lightman", "Christiano", "Bai", "Wang", "Li", "Zhang", "Kim", "Garcia", "Müller", "Singh",
        "Okafor", "Nakamura", "Dubois", "Kowalski", "Haddad",
    ]
}
