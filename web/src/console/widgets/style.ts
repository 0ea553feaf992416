// Widget props → CSS: the spacing scale, dimensions, colors (theme tokens, light/dark pairs),
// borders and radii of the widget format.
import type { CSSProperties } from 'react';
import type * as W from '../../generated/widgets';

export type Theme = 'light' | 'dark';

/** Spacing units (gap, padding, margin given as numbers) are 4 px each. */
const UNIT = 4;

/** A size: numbers are pixels, strings are CSS as written (`50%`, `auto`). */
export function dim(value: W.Dimension | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? `${value}px` : value;
}

/** A spacing value: numbers are units of the spacing scale. */
export function space(value: W.Dimension | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? `${value * UNIT}px` : value;
}

/** Padding or margin: one value or per side (`x`/`y` for both sides). */
export function spacing(value: W.SpacingValue | W.IntSpacingValue | undefined): Partial<Record<'top' | 'right' | 'bottom' | 'left', string>> {
  if (value === undefined) return {};
  if (typeof value !== 'object') {
    const all = space(value);
    return { top: all, right: all, bottom: all, left: all };
  }
  return {
    top: space(value.top ?? value.y),
    right: space(value.right ?? value.x),
    bottom: space(value.bottom ?? value.y),
    left: space(value.left ?? value.x),
  };
}

/** Padding from a spacing value. */
export function padding(value: W.SpacingValue | W.IntSpacingValue | undefined): CSSProperties {
  const p = spacing(value);
  return { paddingTop: p.top, paddingRight: p.right, paddingBottom: p.bottom, paddingLeft: p.left };
}

/** Margin from a spacing value. */
export function margin(value: W.SpacingValue | W.IntSpacingValue | undefined): CSSProperties {
  const m = spacing(value);
  return { marginTop: m.top, marginRight: m.right, marginBottom: m.bottom, marginLeft: m.left };
}

const TOKENS: Record<string, string> = {
  primary: 'var(--text)',
  secondary: 'var(--text-secondary)',
  tertiary: 'var(--text-tertiary)',
  emphasis: 'var(--accent)',
  success: 'var(--success)',
  warning: 'var(--warning)',
  caution: 'var(--warning)',
  danger: 'var(--danger)',
  info: 'var(--info)',
  discovery: 'var(--discovery)',
  white: '#fff',
  black: '#000',
};

/** A color: a theme token, a `{light, dark}` pair, or any CSS color. */
export function color(value: W.Color | undefined, theme: Theme): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'object') return value[theme];
  if (value in TOKENS) return TOKENS[value];
  // Palette tokens such as `blue-500` or `surface-secondary`.
  if (/^[a-z]+(-[a-z0-9]+)*$/.test(value) && !CSS.supports('color', value)) return `var(--${value})`;
  return value;
}

const RADII: Record<W.Radius, string> = {
  '2xs': '2px', xs: '4px', sm: '6px', md: '8px', lg: '12px', xl: '16px', '2xl': '20px',
  '3xl': '24px', '4xl': '32px', full: '9999px', '100%': '100%', none: '0',
};

export function radius(value: W.Radius | undefined): string | undefined {
  return value === undefined ? undefined : RADII[value];
}

function borderSide(value: W.BorderSide | undefined, theme: Theme): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return `${value}px solid var(--border)`;
  return `${value.size}px ${value.style ?? 'solid'} ${color(value.color, theme) ?? 'var(--border)'}`;
}

export function border(value: W.BorderValue | undefined, theme: Theme): CSSProperties {
  if (value === undefined) return {};
  if (typeof value === 'number' || 'size' in value) {
    return { border: borderSide(value as W.BorderSide, theme) };
  }
  const sides = value as W.Borders;
  return {
    borderTop: borderSide(sides.top ?? sides.y, theme),
    borderRight: borderSide(sides.right ?? sides.x, theme),
    borderBottom: borderSide(sides.bottom ?? sides.y, theme),
    borderLeft: borderSide(sides.left ?? sides.x, theme),
  };
}

const ALIGN: Record<W.Alignment, string> = {
  start: 'flex-start', center: 'center', end: 'flex-end', baseline: 'baseline', stretch: 'stretch',
};
const JUSTIFY: Record<W.Justification, string> = {
  start: 'flex-start', center: 'center', end: 'flex-end', between: 'space-between',
  around: 'space-around', evenly: 'space-evenly', stretch: 'stretch',
};

export const align = (value: W.Alignment | undefined) => (value ? ALIGN[value] : undefined);
export const justify = (value: W.Justification | undefined) => (value ? JUSTIFY[value] : undefined);

/** `flex` as a number is a grow factor; a string is CSS `flex`. */
export function flex(value: W.IntDimension | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? `${value} ${value} 0%` : value;
}

/** The sizing props shared by boxes, images and charts. */
export interface Block {
  height?: W.Dimension; width?: W.Dimension; size?: W.Dimension;
  minHeight?: W.IntDimension; minWidth?: W.IntDimension; minSize?: W.IntDimension;
  maxHeight?: W.IntDimension; maxWidth?: W.IntDimension; maxSize?: W.IntDimension;
  aspectRatio?: W.Dimension; flex?: W.IntDimension;
}

export function block(props: Block): CSSProperties {
  return {
    height: dim(props.height ?? props.size),
    width: dim(props.width ?? props.size),
    minHeight: dim(props.minHeight ?? props.minSize),
    minWidth: dim(props.minWidth ?? props.minSize),
    maxHeight: dim(props.maxHeight ?? props.maxSize),
    maxWidth: dim(props.maxWidth ?? props.maxSize),
    aspectRatio: props.aspectRatio === undefined ? undefined : String(props.aspectRatio),
    flex: flex(props.flex),
  };
}

/** The props of Box, Row, Col and Form. */
export function box(props: W.Box | W.Row | W.Col | W.Form, direction: 'row' | 'column', theme: Theme): CSSProperties {
  return {
    display: 'flex',
    flexDirection: direction,
    alignItems: align(props.align),
    justifyContent: justify(props.justify),
    flexWrap: props.wrap,
    gap: space(props.gap),
    ...block(props),
    ...padding(props.padding),
    ...margin(props.margin),
    ...border(props.border, theme),
    borderRadius: radius(props.radius),
    background: color(props.background, theme),
  };
}

/** The text props shared by Text, Title, Caption and Label. */
export function text(
  props: { color?: W.Color; weight?: W.FontWeight; textAlign?: W.TextAlign; truncate?: boolean; maxLines?: number },
  theme: Theme,
): CSSProperties {
  const clamp = props.maxLines ?? (props.truncate ? 1 : undefined);
  return {
    color: color(props.color, theme),
    fontWeight: props.weight ? { normal: 400, medium: 500, semibold: 600, bold: 700 }[props.weight] : undefined,
    textAlign: props.textAlign === 'center' ? 'center' : props.textAlign === 'end' ? 'end' : props.textAlign ? 'start' : undefined,
    ...(clamp
      ? { display: '-webkit-box', WebkitLineClamp: clamp, WebkitBoxOrient: 'vertical', overflow: 'hidden', textOverflow: 'ellipsis' }
      : {}),
  };
}
