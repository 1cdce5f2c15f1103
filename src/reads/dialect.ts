// The SQL dialects the compiled reads write.
export type Dialect = "postgresql" | "sqlite";
