// Renders every widget root and component of schema/widgets.schema.json. The switches are
// exhaustive over the generated types, so a component added to the schema fails `tsc` until it
// is rendered here (and `coverage.ts` does the same for every prop).
import { createContext, useContext, useState, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import type * as W from '../../generated/widgets';
import { Markdown } from '../Markdown';
import { Chart } from './Chart';
import { glyph } from './icons';
import * as css from './style';

/** What a widget can do: send an action (with the values of its form), and its theme. */
export interface WidgetHost {
  onAction(action: W.ActionConfig, values?: Record<string, unknown>): void;
  theme: css.Theme;
}

const Host = createContext<WidgetHost>({ onAction: () => {}, theme: 'light' });

function useHost(): WidgetHost {
  return useContext(Host);
}

/** The values of a form's controls, by name (checkboxes as booleans). */
export function formValues(form: HTMLFormElement): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const element of Array.from(form.elements)) {
    const control = element as HTMLInputElement;
    if (!control.name || control.disabled) continue;
    if (control.type === 'checkbox') values[control.name] = control.checked;
    else if (control.type === 'radio') {
      if (control.checked) values[control.name] = control.value;
    } else values[control.name] = control.value;
  }
  return values;
}

function submitter(action: W.ActionConfig | undefined, onAction: WidgetHost['onAction']) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (action) onAction(action, formValues(event.currentTarget));
  };
}

function Children({ of }: { of?: W.WidgetComponent[] }) {
  return <>{(of ?? []).map((child, i) => <Component key={child.key ?? child.id ?? i} node={child} />)}</>;
}

function StatusLine({ status }: { status?: W.WidgetStatus }) {
  if (!status) return null;
  return (
    <div className="w-status" data-frame={status.frame || undefined}>
      {status.favicon ? <img src={status.favicon} alt="" /> : status.icon ? <span aria-hidden>{glyph(status.icon)}</span> : null}
      <span>{status.text}</span>
    </div>
  );
}

function ThemeScope({ theme, children }: { theme?: W.Theme; children: ReactNode }) {
  const host = useHost();
  if (!theme || theme === host.theme) return <>{children}</>;
  return (
    <Host.Provider value={{ ...host, theme }}>
      <div className={`theme-${theme}`}>{children}</div>
    </Host.Provider>
  );
}

function Card({ node }: { node: W.Card }) {
  const host = useHost();
  // The card's own theme colours the card itself too.
  const theme = node.theme ?? host.theme;
  const [collapsed, setCollapsed] = useState(node.collapsed ?? false);
  const style: CSSProperties = {
    background: css.color(node.background, theme),
    ...css.border(node.border, theme),
    ...css.padding(node.padding ?? 4),
  };
  const body = (
    <>
      <StatusLine status={node.status} />
      {collapsed ? (
        <button type="button" className="w-link" onClick={() => setCollapsed(false)}>Show more</button>
      ) : (
        <div className="w-card-body"><Children of={node.children} /></div>
      )}
      {(node.confirm || node.cancel) && (
        <div className="w-card-actions">
          {node.cancel && (
            <button type="button" className="w-button" data-variant="outline" onClick={() => host.onAction(node.cancel!.action)}>
              {node.cancel.label}
            </button>
          )}
          {node.confirm && (
            node.asForm ? (
              <button type="submit" className="w-button" data-color="primary">{node.confirm.label}</button>
            ) : (
              <button type="button" className="w-button" data-color="primary" onClick={() => host.onAction(node.confirm!.action)}>
                {node.confirm.label}
              </button>
            )
          )}
        </div>
      )}
    </>
  );
  return (
    <ThemeScope theme={node.theme}>
      {node.asForm ? (
        <form className="w-card" data-size={node.size ?? 'md'} style={style} onSubmit={submitter(node.confirm?.action, host.onAction)}>
          {body}
        </form>
      ) : (
        <section className="w-card" data-size={node.size ?? 'md'} style={style}>{body}</section>
      )}
    </ThemeScope>
  );
}

function ListView({ node }: { node: W.ListView }) {
  const [all, setAll] = useState(false);
  const limit = typeof node.limit === 'number' && !all ? node.limit : undefined;
  const shown = limit === undefined ? node.children : node.children.slice(0, limit);
  return (
    <ThemeScope theme={node.theme}>
      <section className="w-card w-list" data-size="md">
        <StatusLine status={node.status} />
        <ul>
          {shown.map((item, i) => <li key={item.key ?? item.id ?? i}><ListViewItem node={item} /></li>)}
        </ul>
        {limit !== undefined && node.children.length > limit && (
          <button type="button" className="w-link" onClick={() => setAll(true)}>
            Show {node.children.length - limit} more
          </button>
        )}
      </section>
    </ThemeScope>
  );
}

function Basic({ node }: { node: W.Basic }) {
  return (
    <ThemeScope theme={node.theme}>
      <div
        className="w-basic"
        style={{
          display: 'flex',
          flexDirection: node.direction === 'row' ? 'row' : 'column',
          gap: css.space(node.gap),
          alignItems: css.align(node.align),
          justifyContent: css.justify(node.justify),
          ...css.padding(node.padding),
        }}
      >
        {node.children.map((child, i) => <Node key={child.key ?? child.id ?? i} node={child} />)}
      </div>
    </ThemeScope>
  );
}

function ListViewItem({ node }: { node: W.ListViewItem }) {
  const host = useHost();
  const style: CSSProperties = { gap: css.space(node.gap), alignItems: css.align(node.align) };
  if (!node.onClickAction) {
    return <div className="w-list-item" style={style}><Children of={node.children} /></div>;
  }
  const action = node.onClickAction;
  return (
    <div
      className="w-list-item"
      role="button"
      tabIndex={0}
      style={style}
      onClick={() => host.onAction(action)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          host.onAction(action);
        }
      }}
    >
      <Children of={node.children} />
    </div>
  );
}

function Text({ node }: { node: W.Text }) {
  const host = useHost();
  const style: CSSProperties = {
    ...css.text(node, host.theme),
    fontStyle: node.italic ? 'italic' : undefined,
    textDecoration: node.lineThrough ? 'line-through' : undefined,
    width: css.dim(node.width),
    minHeight: node.minLines ? `${node.minLines * 1.5}em` : undefined,
  };
  if (node.editable) {
    const edit = node.editable;
    return (
      <input
        className="w-input w-text-edit"
        data-size={node.size ?? 'md'}
        style={style}
        name={edit.name}
        defaultValue={node.value}
        autoFocus={edit.autoFocus}
        autoComplete={edit.autoComplete ?? (edit.allowAutofillExtensions ? undefined : 'off')}
        onFocus={edit.autoSelect ? (e) => e.currentTarget.select() : undefined}
        pattern={edit.pattern}
        placeholder={edit.placeholder}
        required={edit.required}
        aria-label={edit.name}
      />
    );
  }
  return (
    <p className="w-text" data-size={node.size ?? 'md'} data-streaming={node.streaming || undefined} style={style}>
      {node.value}
    </p>
  );
}

function Badge({ node }: { node: W.Badge }) {
  return (
    <span className="w-badge" data-color={node.color ?? 'secondary'} data-variant={node.variant ?? 'soft'} data-size={node.size ?? 'md'} data-pill={node.pill || undefined}>
      {node.label}
    </span>
  );
}

function Icon({ node }: { node: W.Icon }) {
  const host = useHost();
  return (
    <span className="w-icon" data-size={node.size ?? 'md'} style={{ color: css.color(node.color, host.theme) }} title={node.name} aria-hidden>
      {glyph(node.name)}
    </span>
  );
}

function Image({ node }: { node: W.Image }) {
  const host = useHost();
  return (
    <img
      className="w-image"
      data-frame={node.frame || undefined}
      data-flush={node.flush || undefined}
      src={node.src}
      alt={node.alt ?? ''}
      style={{
        objectFit: node.fit ?? 'cover',
        objectPosition: node.position ?? 'center',
        borderRadius: css.radius(node.radius),
        background: css.color(node.background, host.theme),
        ...css.block(node),
        ...css.margin(node.margin),
      }}
    />
  );
}

function Button({ node }: { node: W.Button }) {
  const host = useHost();
  const color = node.color ?? (node.style === 'secondary' ? 'secondary' : 'primary');
  const action = node.onClickAction;
  return (
    <button
      type={node.submit ? 'submit' : 'button'}
      className="w-button"
      data-color={color}
      data-variant={node.variant ?? 'solid'}
      data-size={node.size ?? 'md'}
      data-icon-size={node.iconSize ?? 'md'}
      data-pill={node.pill || undefined}
      data-uniform={node.uniform || undefined}
      data-block={node.block || undefined}
      disabled={node.disabled}
      onClick={!node.submit && action ? () => host.onAction(action) : undefined}
    >
      {node.iconStart && <span aria-hidden>{glyph(node.iconStart)}</span>}
      {node.label}
      {node.iconEnd && <span aria-hidden>{glyph(node.iconEnd)}</span>}
    </button>
  );
}

function Flex({ node }: { node: W.Box | W.Row | W.Col }) {
  const host = useHost();
  const direction = node.type === 'Row' ? 'row' : node.type === 'Col' ? 'column' : node.direction === 'row' ? 'row' : 'column';
  return <div className={`w-${node.type.toLowerCase()}`} style={css.box(node, direction, host.theme)}><Children of={node.children} /></div>;
}

function Form({ node }: { node: W.Form }) {
  const host = useHost();
  return (
    <form className="w-form" style={css.box(node, node.direction === 'row' ? 'row' : 'column', host.theme)} onSubmit={submitter(node.onSubmitAction, host.onAction)}>
      <Children of={node.children} />
    </form>
  );
}

function Divider({ node }: { node: W.Divider }) {
  const host = useHost();
  const spacing = css.space(node.spacing);
  return (
    <hr
      className="w-divider"
      data-flush={node.flush || undefined}
      style={{ borderTopColor: css.color(node.color, host.theme), borderTopWidth: css.dim(node.size), marginTop: spacing, marginBottom: spacing }}
    />
  );
}

function Input({ node }: { node: W.Input }) {
  return (
    <input
      className="w-input"
      id={node.name}
      name={node.name}
      type={node.inputType ?? 'text'}
      defaultValue={node.defaultValue}
      required={node.required}
      pattern={node.pattern}
      placeholder={node.placeholder}
      autoComplete={node.allowAutofillExtensions ? undefined : 'off'}
      onFocus={node.autoSelect ? (e) => e.currentTarget.select() : undefined}
      autoFocus={node.autoFocus}
      disabled={node.disabled}
      data-variant={node.variant ?? 'outline'}
      data-size={node.size ?? 'md'}
      data-gutter={node.gutterSize ?? 'md'}
      data-pill={node.pill || undefined}
    />
  );
}

function Textarea({ node }: { node: W.Textarea }) {
  return (
    <textarea
      className="w-input"
      id={node.name}
      name={node.name}
      defaultValue={node.defaultValue}
      required={node.required}
      placeholder={node.placeholder}
      onFocus={node.autoSelect ? (e) => e.currentTarget.select() : undefined}
      autoFocus={node.autoFocus}
      disabled={node.disabled}
      rows={node.rows ?? 3}
      data-pattern={node.pattern}
      data-auto-resize={node.autoResize || undefined}
      style={node.autoResize ? { fieldSizing: 'content', maxHeight: node.maxRows ? `${node.maxRows * 1.5}em` : undefined } as CSSProperties : undefined}
      autoComplete={node.allowAutofillExtensions ? undefined : 'off'}
      data-variant={node.variant ?? 'outline'}
      data-size={node.size ?? 'md'}
      data-gutter={node.gutterSize ?? 'md'}
    />
  );
}

/** An `onChangeAction`, sent with the control's new value under its name. */
function useChange(action: W.ActionConfig | undefined, name: string) {
  const host = useHost();
  return action ? (value: unknown) => host.onAction(action, { [name]: value }) : undefined;
}

function Select({ node }: { node: W.Select }) {
  const change = useChange(node.onChangeAction, node.name);
  return (
    <select
      className="w-input"
      id={node.name}
      name={node.name}
      defaultValue={node.defaultValue ?? ''}
      disabled={node.disabled}
      data-variant={node.variant ?? 'outline'}
      data-size={node.size ?? 'md'}
      data-pill={node.pill || undefined}
      data-block={node.block || undefined}
      data-searchable={node.searchable || undefined}
      onChange={change ? (e) => change(e.currentTarget.value) : undefined}
    >
      <option value="" disabled={!node.clearable}>{node.placeholder ?? 'Select…'}</option>
      {node.options.map((option) => (
        <option key={option.value} value={option.value} disabled={option.disabled} title={option.description}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

function Checkbox({ node }: { node: W.Checkbox }) {
  const change = useChange(node.onChangeAction, node.name);
  return (
    <label className="w-check">
      <input
        type="checkbox"
        name={node.name}
        defaultChecked={node.defaultChecked}
        disabled={node.disabled}
        required={node.required}
        onChange={change ? (e) => change(e.currentTarget.checked) : undefined}
      />
      {node.label}
    </label>
  );
}

function RadioGroup({ node }: { node: W.RadioGroup }) {
  const change = useChange(node.onChangeAction, node.name);
  return (
    <div className="w-radios" role="radiogroup" aria-label={node.ariaLabel ?? node.name} style={{ flexDirection: node.direction === 'row' ? 'row' : 'column' }}>
      {(node.options ?? []).map((option) => (
        <label key={option.value} className="w-check">
          <input
            type="radio"
            name={node.name}
            value={option.value}
            defaultChecked={node.defaultValue === option.value}
            disabled={node.disabled || option.disabled}
            required={node.required}
            onChange={change ? () => change(option.value) : undefined}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}

function DatePicker({ node }: { node: W.DatePicker }) {
  const change = useChange(node.onChangeAction, node.name);
  return (
    <input
      className="w-input"
      type="date"
      id={node.name}
      name={node.name}
      placeholder={node.placeholder}
      defaultValue={node.defaultValue?.slice(0, 10)}
      min={node.min?.slice(0, 10)}
      max={node.max?.slice(0, 10)}
      disabled={node.disabled}
      data-variant={node.variant ?? 'outline'}
      data-size={node.size ?? 'md'}
      data-side={node.side}
      data-align={node.align}
      data-pill={node.pill || undefined}
      data-block={node.block || undefined}
      data-clearable={node.clearable || undefined}
      onChange={change ? (e) => change(e.currentTarget.value) : undefined}
    />
  );
}

function Table({ node }: { node: W.Table }) {
  const rows = node.children ?? [];
  return (
    <table className="w-table">
      <tbody>
        {rows.map((row, r) => (
          <tr key={row.key ?? row.id ?? r} data-header={row.header || undefined}>
            {(row.children ?? []).map((cell, c) => <TableCell key={cell.key ?? cell.id ?? c} cell={cell} header={row.header} />)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TableCell({ cell, header }: { cell: W.TableCell; header?: boolean }) {
  const Tag = header ? 'th' : 'td';
  return (
    <Tag
      colSpan={cell.colSpan}
      rowSpan={cell.rowSpan}
      data-col-size={cell.colSize}
      style={{
        width: css.dim(cell.width),
        textAlign: cell.align === 'center' ? 'center' : cell.align === 'end' ? 'end' : 'start',
        verticalAlign: cell.vAlign === 'center' ? 'middle' : cell.vAlign === 'end' ? 'bottom' : 'top',
        ...css.padding(cell.padding),
      }}
    >
      <Children of={cell.children} />
    </Tag>
  );
}

/** One component. */
export function Component({ node }: { node: W.WidgetComponent }): ReactNode {
  const host = useHost();
  switch (node.type) {
    case 'Text':
      return <Text node={node} />;
    case 'Title':
      return <h3 className="w-title" data-size={node.size ?? 'md'} style={css.text(node, host.theme)}>{node.value}</h3>;
    case 'Caption':
      return <p className="w-caption" data-size={node.size ?? 'md'} style={css.text(node, host.theme)}>{node.value}</p>;
    case 'Markdown':
      return <div className="w-markdown" data-streaming={node.streaming || undefined}><Markdown text={node.value} /></div>;
    case 'Label':
      return <label className="w-label" htmlFor={node.fieldName} data-size={node.size ?? 'sm'} style={css.text(node, host.theme)}>{node.value}</label>;
    case 'Badge':
      return <Badge node={node} />;
    case 'Icon':
      return <Icon node={node} />;
    case 'Image':
      return <Image node={node} />;
    case 'Button':
      return <Button node={node} />;
    case 'Box':
    case 'Row':
    case 'Col':
      return <Flex node={node} />;
    case 'Form':
      return <Form node={node} />;
    case 'Spacer':
      return <div className="w-spacer" style={{ flex: '1 1 auto', minWidth: css.dim(node.minSize), minHeight: css.dim(node.minSize) }} />;
    case 'Divider':
      return <Divider node={node} />;
    case 'Transition':
      return <div className="w-transition">{node.children && <Component node={node.children} />}</div>;
    case 'ListViewItem':
      return <ListViewItem node={node} />;
    case 'Input':
      return <Input node={node} />;
    case 'Textarea':
      return <Textarea node={node} />;
    case 'Select':
      return <Select node={node} />;
    case 'Checkbox':
      return <Checkbox node={node} />;
    case 'RadioGroup':
      return <RadioGroup node={node} />;
    case 'DatePicker':
      return <DatePicker node={node} />;
    case 'Chart':
      return <Chart node={node} theme={host.theme} />;
    case 'Table':
      return <Table node={node} />;
    case 'Table.Row':
      return <Table node={{ type: 'Table', children: [node] }} />;
    case 'Table.Cell':
      return <TableCell cell={node} />;
    default:
      return unknownComponent(node);
  }
}

/** A component this console does not know (a newer server): shown as its type, never a crash. */
function unknownComponent(node: never): ReactNode {
  const type = (node as { type?: unknown }).type;
  return <span className="w-unknown">[{String(type)}]</span>;
}

/** A root or a component (a `Basic` root may hold both). */
function Node({ node }: { node: W.WidgetComponent | W.Card | W.ListView | W.Basic }) {
  switch (node.type) {
    case 'Card':
      return <Card node={node} />;
    case 'ListView':
      return <ListView node={node} />;
    case 'Basic':
      return <Basic node={node} />;
    default:
      return <Component node={node} />;
  }
}

/** A widget item's root, with the host that handles its actions. */
export function Widget({ root, host }: { root: W.ChatKitWidgets; host: WidgetHost }) {
  return (
    <Host.Provider value={host}>
      <div className="widget" data-widget-root={root.type}>
        <Node node={root} />
      </div>
    </Host.Provider>
  );
}
