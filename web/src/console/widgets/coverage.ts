// Every prop of every widget type, marked as handled by the renderer (Widget.tsx, Chart.tsx,
// style.ts). A prop added to schema/widgets.schema.json makes its record incomplete, so `tsc`
// fails until the console renders it too.
import type * as W from '../../generated/widgets';

type Handled<T> = { readonly [K in keyof Required<T>]: true };

export const cardProps: Handled<W.Card> = { key: true, id: true, type: true, asForm: true, children: true, background: true, border: true, size: true, padding: true, status: true, collapsed: true, confirm: true, cancel: true, theme: true };
export const listViewProps: Handled<W.ListView> = { key: true, id: true, type: true, children: true, limit: true, status: true, theme: true };
export const basicProps: Handled<W.Basic> = { key: true, id: true, type: true, children: true, theme: true, direction: true, gap: true, padding: true, align: true, justify: true };
export const textProps: Handled<W.Text> = { key: true, id: true, type: true, value: true, streaming: true, italic: true, lineThrough: true, color: true, weight: true, width: true, size: true, textAlign: true, truncate: true, minLines: true, maxLines: true, editable: true };
export const titleProps: Handled<W.Title> = { key: true, id: true, type: true, value: true, color: true, weight: true, size: true, textAlign: true, truncate: true, maxLines: true };
export const captionProps: Handled<W.Caption> = { key: true, id: true, type: true, value: true, color: true, weight: true, size: true, textAlign: true, truncate: true, maxLines: true };
export const markdownProps: Handled<W.Markdown> = { key: true, id: true, type: true, value: true, streaming: true };
export const labelProps: Handled<W.Label> = { key: true, id: true, type: true, value: true, fieldName: true, size: true, weight: true, textAlign: true, color: true };
export const badgeProps: Handled<W.Badge> = { key: true, id: true, type: true, label: true, color: true, variant: true, size: true, pill: true };
export const iconProps: Handled<W.Icon> = { key: true, id: true, type: true, name: true, color: true, size: true };
export const imageProps: Handled<W.Image> = { key: true, id: true, type: true, src: true, alt: true, fit: true, position: true, radius: true, frame: true, flush: true, height: true, width: true, size: true, minHeight: true, minWidth: true, minSize: true, maxHeight: true, maxWidth: true, maxSize: true, margin: true, background: true, aspectRatio: true, flex: true };
export const buttonProps: Handled<W.Button> = { key: true, id: true, type: true, submit: true, label: true, onClickAction: true, iconStart: true, iconEnd: true, style: true, iconSize: true, color: true, variant: true, size: true, pill: true, uniform: true, block: true, disabled: true };
export const boxProps: Handled<W.Box> = { children: true, align: true, justify: true, wrap: true, flex: true, gap: true, height: true, width: true, size: true, minHeight: true, minWidth: true, minSize: true, maxHeight: true, maxWidth: true, maxSize: true, padding: true, margin: true, border: true, radius: true, background: true, aspectRatio: true, key: true, id: true, type: true, direction: true };
export const rowProps: Handled<W.Row> = { children: true, align: true, justify: true, wrap: true, flex: true, gap: true, height: true, width: true, size: true, minHeight: true, minWidth: true, minSize: true, maxHeight: true, maxWidth: true, maxSize: true, padding: true, margin: true, border: true, radius: true, background: true, aspectRatio: true, key: true, id: true, type: true };
export const colProps: Handled<W.Col> = { children: true, align: true, justify: true, wrap: true, flex: true, gap: true, height: true, width: true, size: true, minHeight: true, minWidth: true, minSize: true, maxHeight: true, maxWidth: true, maxSize: true, padding: true, margin: true, border: true, radius: true, background: true, aspectRatio: true, key: true, id: true, type: true };
export const formProps: Handled<W.Form> = { children: true, align: true, justify: true, wrap: true, flex: true, gap: true, height: true, width: true, size: true, minHeight: true, minWidth: true, minSize: true, maxHeight: true, maxWidth: true, maxSize: true, padding: true, margin: true, border: true, radius: true, background: true, aspectRatio: true, key: true, id: true, type: true, onSubmitAction: true, direction: true };
export const spacerProps: Handled<W.Spacer> = { key: true, id: true, type: true, minSize: true };
export const dividerProps: Handled<W.Divider> = { key: true, id: true, type: true, color: true, size: true, spacing: true, flush: true };
export const transitionProps: Handled<W.Transition> = { key: true, id: true, type: true, children: true };
export const listViewItemProps: Handled<W.ListViewItem> = { key: true, id: true, type: true, children: true, onClickAction: true, gap: true, align: true };
export const inputProps: Handled<W.Input> = { key: true, id: true, type: true, name: true, inputType: true, defaultValue: true, required: true, pattern: true, placeholder: true, allowAutofillExtensions: true, autoSelect: true, autoFocus: true, disabled: true, variant: true, size: true, gutterSize: true, pill: true };
export const textareaProps: Handled<W.Textarea> = { key: true, id: true, type: true, name: true, defaultValue: true, required: true, pattern: true, placeholder: true, autoSelect: true, autoFocus: true, disabled: true, variant: true, size: true, gutterSize: true, rows: true, autoResize: true, maxRows: true, allowAutofillExtensions: true };
export const selectProps: Handled<W.Select> = { key: true, id: true, type: true, name: true, options: true, onChangeAction: true, placeholder: true, defaultValue: true, variant: true, size: true, pill: true, block: true, clearable: true, disabled: true, searchable: true };
export const checkboxProps: Handled<W.Checkbox> = { key: true, id: true, type: true, name: true, label: true, defaultChecked: true, onChangeAction: true, disabled: true, required: true };
export const radioGroupProps: Handled<W.RadioGroup> = { key: true, id: true, type: true, name: true, options: true, ariaLabel: true, onChangeAction: true, defaultValue: true, direction: true, disabled: true, required: true };
export const datePickerProps: Handled<W.DatePicker> = { key: true, id: true, type: true, name: true, onChangeAction: true, placeholder: true, defaultValue: true, min: true, max: true, variant: true, size: true, side: true, align: true, pill: true, block: true, clearable: true, disabled: true };
export const chartProps: Handled<W.Chart> = { key: true, id: true, type: true, data: true, series: true, xAxis: true, showYAxis: true, showLegend: true, showTooltip: true, barGap: true, barCategoryGap: true, flex: true, height: true, width: true, size: true, minHeight: true, minWidth: true, minSize: true, maxHeight: true, maxWidth: true, maxSize: true, aspectRatio: true };
export const tableProps: Handled<W.Table> = { key: true, id: true, type: true, children: true };
export const tableRowProps: Handled<W.TableRow> = { key: true, id: true, type: true, children: true, header: true };
export const tableCellProps: Handled<W.TableCell> = { key: true, id: true, type: true, children: true, width: true, padding: true, colSpan: true, rowSpan: true, align: true, vAlign: true, colSize: true };
export const actionConfigProps: Handled<W.ActionConfig> = { type: true, payload: true, handler: true, loadingBehavior: true, streaming: true };
export const editablePropsProps: Handled<W.EditableProps> = { name: true, autoFocus: true, autoSelect: true, autoComplete: true, allowAutofillExtensions: true, pattern: true, placeholder: true, required: true };
export const widgetStatusProps: Handled<W.WidgetStatus> = { text: true, favicon: true, frame: true, icon: true };
export const cardActionProps: Handled<W.CardAction> = { label: true, action: true };
export const selectOptionProps: Handled<W.SelectOption> = { value: true, label: true, disabled: true, description: true };
export const radioOptionProps: Handled<W.RadioOption> = { label: true, value: true, disabled: true };
export const xAxisConfigProps: Handled<W.XAxisConfig> = { dataKey: true, hide: true, labels: true };
export const barSeriesProps: Handled<W.BarSeries> = { label: true, dataKey: true, stack: true, color: true };
export const areaSeriesProps: Handled<W.AreaSeries> = { label: true, dataKey: true, stack: true, color: true, curveType: true };
export const lineSeriesProps: Handled<W.LineSeries> = { label: true, dataKey: true, color: true, curveType: true };
export const borderProps: Handled<W.Border> = { size: true, color: true, style: true };
export const bordersProps: Handled<W.Borders> = { top: true, right: true, bottom: true, left: true, x: true, y: true };
export const spacingProps: Handled<W.Spacing> = { top: true, right: true, bottom: true, left: true, x: true, y: true };
export const themeColorProps: Handled<W.ThemeColor> = { dark: true, light: true };
