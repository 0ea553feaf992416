// Our widget types (generated from schema/widgets.schema.json, with the deliberate differences of
// differences.mjs applied) against the `Widgets` types of @openai/chatkit, component by component:
//
//   ours → theirs: everything we can write is accepted by the frontend types;
//   theirs → ours: everything the frontend types allow, we accept;
//   key sets:      no prop missing on either side, and our extras are exactly the listed ones.
//
// A failure is a tsc error on the line of the component that drifted.

import type { Widgets as W } from '@openai/chatkit';
import type * as G from './generated/widgets';

type Assignable<A, B> = [A] extends [B] ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;

// Props we have beyond the TypeScript types, all from the Python SDK (see the README).
type Extras = {
  Image: 'background' | 'flex';
  Select: 'searchable';
  SelectOption: 'disabled' | 'description';
  ActionConfig: 'handler' | 'loadingBehavior' | 'streaming';
};
type ExtraOf<K extends string> = K extends keyof Extras ? Extras[K] : never;

// Every key of every member of a union (plain `keyof` of a union is only the shared keys).
type KeysOf<T> = T extends unknown ? keyof T : never;

type Agree<K extends string, Ours, Theirs> = {
  oursToTheirs: Assignable<Ours, Theirs>;
  theirsToOurs: Assignable<Theirs, Ours>;
  ourExtraProps: Same<Exclude<KeysOf<Ours>, KeysOf<Theirs>>, ExtraOf<K>>;
  noMissingProps: Same<Exclude<KeysOf<Theirs>, KeysOf<Ours>>, never>;
};
type Ok<R extends { oursToTheirs: true; theirsToOurs: true; ourExtraProps: true; noMissingProps: true }> = R;

type TableT = Extract<W.WidgetComponent, { type: 'Table' }>;
type TableRowT = Extract<W.WidgetComponent, { type: 'Table.Row' }>;

export type Components = [
  Ok<Agree<'Card', G.Card, W.Card>>,
  Ok<Agree<'ListView', G.ListView, W.ListView>>,
  Ok<Agree<'Basic', G.Basic, W.BasicRoot>>,
  Ok<Agree<'ListViewItem', G.ListViewItem, W.ListViewItem>>,
  Ok<Agree<'Box', G.Box, W.Box>>,
  Ok<Agree<'Row', G.Row, W.Row>>,
  Ok<Agree<'Col', G.Col, W.Col>>,
  Ok<Agree<'Form', G.Form, W.Form>>,
  Ok<Agree<'Spacer', G.Spacer, W.Spacer>>,
  Ok<Agree<'Divider', G.Divider, W.Divider>>,
  Ok<Agree<'Transition', G.Transition, W.Transition>>,
  Ok<Agree<'Text', G.Text, W.TextComponent>>,
  Ok<Agree<'Title', G.Title, W.Title>>,
  Ok<Agree<'Caption', G.Caption, W.Caption>>,
  Ok<Agree<'Markdown', G.Markdown, W.Markdown>>,
  Ok<Agree<'Label', G.Label, W.Label>>,
  Ok<Agree<'Badge', G.Badge, W.Badge>>,
  Ok<Agree<'Icon', G.Icon, W.Icon>>,
  Ok<Agree<'Image', G.Image, W.Image>>,
  Ok<Agree<'Button', G.Button, W.Button>>,
  Ok<Agree<'Input', G.Input, W.Input>>,
  Ok<Agree<'Textarea', G.Textarea, W.Textarea>>,
  Ok<Agree<'Select', G.Select, W.Select>>,
  Ok<Agree<'Checkbox', G.Checkbox, W.Checkbox>>,
  Ok<Agree<'RadioGroup', G.RadioGroup, W.RadioGroup>>,
  Ok<Agree<'DatePicker', G.DatePicker, W.DatePicker>>,
  Ok<Agree<'Table', G.Table, TableT>>,
  Ok<Agree<'TableRow', G.TableRow, TableRowT>>,
  Ok<Agree<'TableCell', G.TableCell, W.TableCell>>,
];

// The shapes inside props, which @openai/chatkit does not export: reached through the props.
type BoxBorder = NonNullable<W.Box['border']>;
export type Shapes = [
  Ok<Agree<'ActionConfig', G.ActionConfig, NonNullable<W.Button['onClickAction']>>>,
  Ok<Agree<'CardAction', G.CardAction, NonNullable<W.Card['confirm']>>>,
  Ok<Agree<'WidgetStatus', G.WidgetStatus, NonNullable<W.Card['status']>>>,
  Ok<Agree<'SelectOption', G.SelectOption, W.Select['options'][number]>>,
  Ok<Agree<'RadioOption', G.RadioOption, NonNullable<W.RadioGroup['options']>[number]>>,
  Ok<Agree<'EditableProps', G.EditableProps, Exclude<NonNullable<W.TextComponent['editable']>, false>>>,
  Ok<Agree<'Spacing', G.Spacing, Exclude<NonNullable<W.Box['padding']>, number | string>>>,
  Ok<Agree<'Border', G.Border, Extract<BoxBorder, { size: number }>>>,
  Ok<Agree<'Borders', G.Borders, Exclude<BoxBorder, number | { size: number }>>>,
  Ok<Agree<'ThemeColor', G.ThemeColor, Exclude<NonNullable<W.Box['background']>, string>>>,
];

// The unions and the icon list as a whole.
export type Unions = [
  Check<Same<G.ChatKitWidgets, W.WidgetRoot>>,
  Check<Same<G.WidgetComponent['type'], W.WidgetComponent['type']>>,
  Check<Assignable<G.WidgetComponent, W.WidgetComponent>>,
  Check<Assignable<W.WidgetComponent, G.WidgetComponent>>,
  Check<Same<G.IconName, W.WidgetIcon>>,
];
