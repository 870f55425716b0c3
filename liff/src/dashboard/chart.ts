import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * The dashboard's charts, drawn with uPlot: this module (and the library with it) is imported
 * only by the screens that draw one (TrendChart in screens.tsx), so the other screens never load
 * it. Colours come from the design system's variables, so a chart follows light and dark.
 */
export interface Series {
  label: string;
  values: (number | null)[];
  /** A CSS variable of theme.css, e.g. `--ok-text`. */
  color: string;
  /** Drawn against the right-hand axis (0-100 %). */
  percent?: boolean;
}

export function drawChart(target: HTMLElement, labels: string[], series: Series[]): () => void {
  const css = getComputedStyle(document.documentElement);
  const color = (v: string) => css.getPropertyValue(v).trim() || '#888';
  const text = color('--text');
  const grid = color('--border');
  const axis = (side: 0 | 1 | 2 | 3, scale: string, format: (v: number) => string): uPlot.Axis => ({
    side,
    scale,
    stroke: text,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
    values: (_u, splits) => splits.map(format),
    size: 48,
  });
  const hasCounts = series.some((s) => !s.percent);
  const hasPercent = series.some((s) => s.percent);
  const opts: uPlot.Options = {
    width: Math.max(240, target.clientWidth),
    height: 220,
    legend: { show: true, live: false },
    cursor: { show: false },
    scales: { x: { time: false }, n: { range: (_u, _min, max) => [0, Math.max(1, max)] }, pct: { range: [0, 100] } },
    axes: [
      axis(2, 'x', (i) => labels[Math.round(i)] ?? ''),
      // Counts are whole: ticks at whole steps only.
      ...(hasCounts ? [{ ...axis(3, 'n', (v: number) => String(v)), incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000] }] : []),
      ...(hasPercent ? [{ ...axis(hasCounts ? 1 : 3, 'pct', (v: number) => `${Math.round(v)}%`), grid: { show: !hasCounts } }] : []),
    ],
    series: [
      {},
      ...series.map((s) => ({
        label: s.label,
        scale: s.percent ? 'pct' : 'n',
        stroke: color(s.color),
        width: 2,
        points: { show: labels.length <= 31, size: 5 },
        spanGaps: true,
      })),
    ],
  };
  const chart = new uPlot(opts, [labels.map((_, i) => i), ...series.map((s) => s.values)], target);
  const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(240, target.clientWidth), height: 220 }));
  resize.observe(target);
  return () => {
    resize.disconnect();
    chart.destroy();
  };
}
