// The deliberate differences between our widget types (schema/widgets.schema.json) and the
// `Widgets` types of @openai/chatkit. Each one is applied to a copy of our schema before the
// TypeScript comparison, so the comparison proves "equal except for exactly these". The README
// lists them with the same reasons; removing one makes check.ts fail where it applies.

const tsIconNames = (schema) =>
  schema.$defs.IconName.anyOf[0].enum.filter((name) => name !== 'clock');

export const differences = [
  {
    id: 'icons',
    reason:
      'IconName also takes `clock` and `vendor:…`/`lucide:…` icons: the Python SDK (our wire ' +
      'reference) accepts them; the TypeScript WidgetIcon lists 63 names without them.',
    apply(schema) {
      schema.$defs.IconName = { type: 'string', enum: tsIconNames(schema) };
    },
  },
  {
    id: 'action-config',
    reason:
      'ActionConfig always carries handler, loadingBehavior and streaming (the Python SDK writes ' +
      'them and the renderer reads them; TypeScript does not declare them, so check.ts lists ' +
      'them as our extra props) and its payload is any JSON (Python `Any`) where TypeScript ' +
      'says Record<string, unknown>.',
    apply(schema) {
      const config = schema.$defs.ActionConfig;
      config.required = ['type'];
      config.properties.payload = { type: 'object', additionalProperties: true };
    },
  },
  {
    id: 'chart',
    reason: 'Chart exists only in the Python SDK; the TypeScript types have no Chart.',
    apply(schema) {
      dropComponent(schema, 'Chart');
    },
  },
  {
    id: 'list-view-item-anywhere',
    reason:
      'ListViewItem is a member of the component union (as in Python, which validates it ' +
      'anywhere); TypeScript allows it only as a direct child of ListView.',
    apply(schema) {
      dropComponent(schema, 'ListViewItem');
    },
  },
  {
    id: 'transition-children',
    reason:
      'Transition.children is optional in Python and so in our type; TypeScript requires it.',
    apply(schema) {
      const t = schema.$defs.Transition;
      t.required = [...(t.required ?? []), 'children'];
    },
  },
  {
    id: 'basic-children',
    reason:
      'TypeScript lets Basic hold roots (Card, ListView, Basic) among its children; we accept ' +
      'them on input as pass-through components (they survive a round trip) but our typed ' +
      'children are components.',
    apply(schema) {
      schema.$defs.Basic.properties.children.items = {
        anyOf: [
          { $ref: '#/$defs/WidgetComponent' },
          { $ref: '#/$defs/Card' },
          { $ref: '#/$defs/ListView' },
          { $ref: '#/$defs/Basic' },
        ],
      };
      schema.$defs.Basic.required = [...new Set([...(schema.$defs.Basic.required ?? []), 'children'])];
    },
  },
];

function dropComponent(schema, name) {
  const union = schema.$defs.WidgetComponent.anyOf;
  schema.$defs.WidgetComponent.anyOf = union.filter((v) => v.$ref !== `#/$defs/${name}`);
}
