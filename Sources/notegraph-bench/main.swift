print("notegraph-bench")
