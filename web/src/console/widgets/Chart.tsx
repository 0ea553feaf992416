// The Chart component as plain SVG: bar, area and line series over the x axis, stacked by
// `stack`, with an optional y axis, legend and tooltips (titles).
import type * as W from '../../generated/widgets';
import * as css from './style';

const PALETTE = ['#3b82f6', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#06b6d4'];
const WIDTH = 480;
const HEIGHT = 200;
const LEFT = 36;

function value(row: Record<string, unknown>, key: string): number {
  const v = Number(row[key]);
  return Number.isFinite(v) ? v : 0;
}

export function Chart({ node, theme }: { node: W.Chart; theme: css.Theme }) {
  const axis: W.XAxisConfig = typeof node.xAxis === 'string' ? { dataKey: node.xAxis } : node.xAxis;
  const rows = node.data;
  const colorOf = (series: W.Series, i: number) => css.color(series.color, theme) ?? PALETTE[i % PALETTE.length];
  // Stacked series add up per stack; others stand alone.
  const stacks = new Map<string, number[]>();
  const tops = node.series.map((series, i) =>
    rows.map((row, r) => {
      const stack = 'stack' in series && series.stack ? series.stack : `#${i}`;
      const base = stacks.get(stack) ?? rows.map(() => 0);
      const top = base[r] + value(row, series.dataKey);
      base[r] = top;
      stacks.set(stack, base);
      return { base: top - value(row, series.dataKey), top };
    }),
  );
  const max = Math.max(1, ...tops.flat().map((t) => t.top));
  const left = node.showYAxis ? LEFT : 4;
  const plot = WIDTH - left - 4;
  const slot = plot / Math.max(1, rows.length);
  const y = (v: number) => HEIGHT - 20 - (v / max) * (HEIGHT - 30);
  const bars = node.series.filter((s) => s.type === 'bar');
  const gap = (node.barCategoryGap ?? 20) / 100;
  const barWidth = (slot * (1 - gap)) / Math.max(1, new Set(bars.map((s, i) => ('stack' in s && s.stack) || `#${i}`)).size);
  return (
    <figure className="w-chart" style={css.block(node)}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="chart">
        {node.showYAxis && (
          <g className="w-chart-axis">
            {[0, 0.5, 1].map((f) => (
              <text key={f} x={left - 4} y={y(max * f)} textAnchor="end" fontSize="10">{Math.round(max * f)}</text>
            ))}
          </g>
        )}
        {node.series.map((series, i) => {
          const color = colorOf(series, i);
          const points = tops[i].map((t, r) => [left + slot * r + slot / 2, y(t.top)] as const);
          if (series.type !== 'bar') {
            const path = points.map(([px, py], r) => `${r ? 'L' : 'M'}${px},${py}`).join(' ');
            const area = series.type === 'area'
              ? `${path} L${points[points.length - 1]?.[0] ?? left},${y(0)} L${points[0]?.[0] ?? left},${y(0)} Z`
              : undefined;
            return (
              <g key={i}>
                {area && <path d={area} fill={color} opacity={0.25} />}
                <path d={path} fill="none" stroke={color} strokeWidth={2} />
                {node.showTooltip !== false && points.map(([px, py], r) => (
                  <circle key={r} cx={px} cy={py} r={3} fill={color}><title>{`${series.label ?? series.dataKey}: ${value(rows[r], series.dataKey)}`}</title></circle>
                ))}
              </g>
            );
          }
          const group = bars.indexOf(series);
          return (
            <g key={i}>
              {tops[i].map((t, r) => (
                <rect
                  key={r}
                  x={left + slot * r + (slot * gap) / 2 + group * barWidth + (node.barGap ?? 0)}
                  y={y(t.top)}
                  width={Math.max(1, barWidth - (node.barGap ?? 0))}
                  height={Math.max(0, y(t.base) - y(t.top))}
                  fill={color}
                >
                  {node.showTooltip !== false && <title>{`${series.label ?? series.dataKey}: ${value(rows[r], series.dataKey)}`}</title>}
                </rect>
              ))}
            </g>
          );
        })}
        {!axis.hide &&
          rows.map((row, r) => {
            const raw = String(row[axis.dataKey] ?? '');
            return (
              <text key={r} x={left + slot * r + slot / 2} y={HEIGHT - 4} textAnchor="middle" fontSize="10">
                {axis.labels?.[raw] ?? raw}
              </text>
            );
          })}
      </svg>
      {node.showLegend !== false && (
        <figcaption className="w-chart-legend">
          {node.series.map((series, i) => (
            <span key={i}><i style={{ background: colorOf(series, i) }} />{series.label ?? series.dataKey}</span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
