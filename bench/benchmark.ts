/** A benchmark prints its own figures and says whether it met the target its issue sets. */
export type Figure = { label: string; value: string; target?: string; met?: boolean };

export type Benchmark = {
  name: string;
  run(workDir: string): Promise<Figure[]>;
};
