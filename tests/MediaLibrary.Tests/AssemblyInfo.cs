// Tests use their own temp folders and catalogs, so classes run in parallel (2 cores here).
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
