// Test oracles for the normal distribution, independent of ClickHouse.

/** erfc(x) for x ≥ 0 by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
export function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}

/** The mean and the sample standard deviation of `xs`. */
export function meanSd(xs: readonly number[]): [number, number] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return [m, Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1))];
}
