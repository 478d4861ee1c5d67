/**
 * @internal The slice of prom-client's API the module uses, typed structurally: prom-client is an optional peer,
 * loaded with `import()` at run time, so none of its types may leak into our public declarations.
 */
export type Labels = Record<string, string>;

export interface PromMetricConfig {
  name: string;
  help: string;
  labelNames: readonly string[];
  registers: readonly unknown[];
  buckets?: readonly number[];
  collect?: (this: {
    set?(labels: Labels, value: number): void;
    inc?(labels: Labels, value: number): void;
  }) => void;
}

export interface PromCounter {
  inc(labels: Labels, value?: number): void;
}
export interface PromGauge {
  set(labels: Labels, value: number): void;
  remove(labels: Labels): void;
}
export interface PromHistogram {
  observe(labels: Labels, value: number): void;
}

export interface PromRegistry {
  getSingleMetric(name: string): unknown;
}

export interface PromClientModule {
  Counter: new (config: PromMetricConfig) => PromCounter;
  Gauge: new (config: PromMetricConfig) => PromGauge;
  Histogram: new (config: PromMetricConfig) => PromHistogram;
  register: PromRegistry;
}
