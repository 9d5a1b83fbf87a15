#!/usr/bin/env python3
"""Writes exports/ from vectors.txt: raw page exports (Atom feed, text pages) that carry every vector, for
`notegraph import`. Deterministic; rerun after editing vectors.txt:  python3 make-exports.py"""
import os, re

HERE = os.path.dirname(os.path.abspath(__file__))

def read_vectors():
    sections, current = [], None
    for line in open(os.path.join(HERE, "vectors.txt"), encoding="utf-8").read().split("\n"):
        if line.startswith("#: section "):
            current = (line[len("#: section "):].strip(), [])
            sections.append(current)
        elif line.startswith("#:") or line == "":
            continue
        else:
            current[1].append(re.sub(r"\{U\+([0-9A-Fa-f]{4,6})\}", lambda m: chr(int(m.group(1), 16)), line))
    return sections

def xml_ok(v):
    # XML 1.0 characters (no NUL, no C0 controls but tab/newline/CR, no U+FFFE/FFFF).
    return all(c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD or ord(c) >= 0x10000 for c in v)

def xml(v):
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("\r", "&#13;").replace("\t", "&#9;").replace("\n", "&#10;")

def line_ok(v):
    # One line of a text export: no line breaks; not blank; no export structure words.
    return "\n" not in v and "\r" not in v and "\0" not in v and v.strip() != ""

sections = read_vectors()
everything = [v for _, vs in sections for v in vs]
out = os.path.join(HERE, "exports")
os.makedirs(out, exist_ok=True)
for name in os.listdir(out):
    os.remove(os.path.join(out, name))

# Atom feed: one entry per vector, the vector in its title, abstract, author, category and id.
entries = []
for i, v in enumerate(everything):
    if not xml_ok(v):
        continue
    entries.append(f"""  <entry>
    <id>http://arxiv.org/abs/{xml(v)}</id>
    <published>2024-01-{1 + i % 28:02d}T00:00:00Z</published>
    <title>Hostile abstract {i}: {xml(v)}</title>
    <summary>We show that {xml(v)} raises recall by {i % 90 + 5}% over Cross Site Scripting (XSS) filters. Abstract {i} ends.</summary>
    <author><name>{xml(v)}</name></author>
    <category term="{xml(v)}"/>
  </entry>""")
with open(os.path.join(out, "abstracts-feed.xml"), "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>arXiv Query: hostile</title>\n')
    f.write("\n".join(entries) + "\n</feed>\n")

for name, vectors in sections:
    lines = [v for v in vectors if line_ok(v)]
    # Paper page, "Abstract" style: title, Abstract, one-line summary, the abstract (a paragraph per vector).
    with open(os.path.join(out, f"paper-{name}.txt"), "w", encoding="utf-8") as f:
        f.write(f"Hostile paper page ({name}) {lines[0]}\n\nAbstract\n\n{lines[1]}\n\n")
        f.write("\n\n".join(f"Finding {i}: {v} improves accuracy by {i % 50 + 1}%." for i, v in enumerate(lines)) + "\n\n")
        f.write("Models citing this paper 0\n")
    # Paper page, mirror style: the vector in the arXiv id and the glued tag line.
    with open(os.path.join(out, f"paper-mirror-{name}.txt"), "w", encoding="utf-8") as f:
        f.write(f"Hostile mirror paper ({name}) {lines[2]}\n\nPaper · arXiv {lines[3]} · Published May 31, 2023\n")
        f.write(f"Cross Site Scripting{lines[4].replace(' ', '')}Large Language Models\n")
        f.write("\n\n".join(lines) + "\n")
    # Synthesis note: the vector in the category line, subtitle, collection and every body paragraph.
    questions = [v for v in lines if "?" not in v]
    with open(os.path.join(out, f"note-{name}.txt"), "w", encoding="utf-8") as f:
        f.write(f"SYNTHESIS NOTE\n\nHostile category {questions[0]}\n\nDoes the {name} hostile note {questions[1]} stay text?\n\n")
        f.write(f"Subtitle {questions[2]}\n\nSynthesis note · 2025-03-14 · sourced from Hostile collection {questions[3]}\n\n")
        f.write("\n\n".join(f"Paragraph {i}: {v}" for i, v in enumerate(lines)) + "\n\n")
        f.write("Related concepts in this collection\n")
    # Inquiring line: the vector in body paragraphs, Sources entries (titles and summaries) and next lines.
    with open(os.path.join(out, f"inquiry-{name}.txt"), "w", encoding="utf-8") as f:
        f.write(f"INQUIRING LINE\n\nCan the {name} hostile inquiry {questions[4]} be answered?\n\n")
        f.write(f"The collection doesn't contain a note that directly answers this {name} question about Hostile Vector Rendering (HVR).\n\n")
        f.write("\n\n".join(f"Prose {i}: {v}" for i, v in enumerate(lines)) + "\n\n")
        sources = questions[5:25]
        f.write(f"Sources {len(sources)} notes\n\n")
        f.write("\n\n".join(f"Is source {i} of {name} {v} safe?\n\nSummary {i}: {v}" for i, v in enumerate(sources)) + "\n\n")
        f.write("Next inquiring lines\n\n" + "\n".join(f"Does next line {i} of {name} {v} stay text?" for i, v in enumerate(questions[25:35])) + "\n")
    # Topic hub: the vector in the description, section names, entry titles and descriptions.
    with open(os.path.join(out, f"hub-{name}.txt"), "w", encoding="utf-8") as f:
        f.write(f"← All notes\n\nHostile hub ({name}) {questions[0]}\n\nDescription {questions[1]}\n\n")
        chunks = [questions[i:i + 10] for i in range(0, min(len(questions), 60), 10)]
        f.write(f"Topic Hub · {sum(map(len, chunks))} linked notes · {len(chunks)} sections\n\nView as\n\n")
        for s, chunk in enumerate(chunks):
            f.write(f"Section {s} {chunk[0]}\n\n{len(chunk)} notes\n\n")
            for i, v in enumerate(chunk):
                f.write(f"Hub entry {s}.{i} {v}\n\nEntry description {v}\n\nExplore related Read →\n\n")
print(len(entries), "feed entries;", len(os.listdir(out)), "files")
