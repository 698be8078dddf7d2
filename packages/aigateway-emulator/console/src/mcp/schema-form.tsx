import { useEffect, useState } from 'preact/hooks';
import { branches, branchOf, itemValue, type JsonSchema, kindOf, label } from './schema.js';

/**
 * A form generated from a tool's input schema, as the official MCP Inspector does: a field per
 * property (text, number, checkbox, choice), nested objects, lists with add/remove, a type switch
 * for unions, and a JSON editor for what has no field (maps, untyped values).
 */

type Problems = Map<string, string>;
type Change = (value: unknown) => void;

interface FieldProps {
  name: string;
  path: string;
  schema: JsonSchema;
  value: unknown;
  onChange: Change;
  required: boolean;
  /** Inside an object an empty input means "leave it out"; inside a list it is an empty string. */
  omitEmpty: boolean;
  problems: Problems;
}

/** The id of a field's control, so its label points at it. */
const fieldId = (path: string) => `arg-${path.replace(/[^A-Za-z0-9_-]/g, '-') || 'all'}`;
const SINGLE_CONTROL = new Set(['string', 'number', 'integer', 'boolean', 'enum', 'json']);

const LONG_TEXT = /^(prompt|input|text|lyrics|content|query|image|audio)$/;
const exampleOf = (schema: JsonSchema) => /e\.g\. ([^\s(]+)/.exec(schema.description ?? '')?.[1];

function Problem({ path, problems }: { path: string; problems: Problems }) {
  const message = problems.get(path);
  return message ? <span class="problem">{message}</span> : null;
}

function JsonField({ path, value, onChange }: Pick<FieldProps, 'path' | 'value' | 'onChange'>) {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [bad, setBad] = useState<string>();
  useEffect(() => {
    // Follow changes made elsewhere (the JSON view of the whole form), not our own keystrokes.
    try {
      if (JSON.stringify(JSON.parse(text || 'null')) === JSON.stringify(value ?? null)) return;
    } catch {
      return;
    }
    setText(value === undefined ? '' : JSON.stringify(value, null, 2));
  }, [value]);
  return (
    <>
      <textarea
        class="json"
        rows={4}
        id={fieldId(path)}
        data-path={path}
        value={text}
        spellcheck={false}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          if (t.trim() === '') {
            setBad(undefined);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(t));
            setBad(undefined);
          } catch (error) {
            setBad(`not JSON yet: ${(error as Error).message}`);
          }
        }}
      />
      {bad && <span class="problem">{bad}</span>}
    </>
  );
}

function Input(props: FieldProps) {
  const { schema, value, onChange, path, omitEmpty } = props;
  const kind = kindOf(schema);
  const empty = omitEmpty ? undefined : '';
  if (kind === 'boolean') {
    return (
      <select
        id={fieldId(path)}
        data-path={path}
        value={value === undefined ? '' : String(value)}
        onChange={(e) =>
          onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'true')
        }
      >
        <option value="">(not set)</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (kind === 'enum') {
    return (
      <select
        id={fieldId(path)}
        data-path={path}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const picked = schema.enum!.find((v) => String(v) === e.currentTarget.value);
          onChange(picked === undefined ? undefined : picked);
        }}
      >
        <option value="">{props.required ? 'choose…' : '(not set)'}</option>
        {schema.enum!.map((v) => (
          <option key={String(v)} value={String(v)}>
            {String(v)}
          </option>
        ))}
      </select>
    );
  }
  if (kind === 'number' || kind === 'integer') {
    return (
      <input
        type="number"
        id={fieldId(path)}
        data-path={path}
        step={kind === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum !== undefined && schema.maximum < 1e15 ? schema.maximum : undefined}
        value={value === undefined ? '' : String(value)}
        onInput={(e) => {
          const t = e.currentTarget.value;
          onChange(t === '' ? undefined : Number(t));
        }}
      />
    );
  }
  if (kind === 'string') {
    const text = typeof value === 'string' ? value : '';
    const set = (t: string) => onChange(t === '' ? empty : t);
    return LONG_TEXT.test(props.name) ? (
      <textarea
        id={fieldId(path)}
        data-path={path}
        rows={2}
        value={text}
        onInput={(e) => set(e.currentTarget.value)}
      />
    ) : (
      <input
        type="text"
        id={fieldId(path)}
        data-path={path}
        value={text}
        placeholder={exampleOf(schema)}
        autocomplete="off"
        spellcheck={false}
        onInput={(e) => set(e.currentTarget.value)}
      />
    );
  }
  return <JsonField path={path} value={value} onChange={onChange} />;
}

function Union(props: FieldProps) {
  const options = branches(props.schema);
  const [picked, setPicked] = useState(() => branchOf(props.schema, props.value));
  const branch = options[picked]!;
  return (
    <div class="union">
      <select
        class="branch"
        aria-label={`${props.name}: type`}
        value={String(picked)}
        onChange={(e) => {
          const i = Number(e.currentTarget.value);
          setPicked(i);
          props.onChange(undefined);
        }}
      >
        {options.map((b, i) => (
          <option key={label(b)} value={String(i)}>
            {label(b)}
          </option>
        ))}
      </select>
      <Body {...props} schema={branch} />
    </div>
  );
}

function List(props: FieldProps) {
  const { schema, path, onChange, problems } = props;
  const items = Array.isArray(props.value) ? props.value : [];
  const set = (next: unknown[]) => onChange(next.length === 0 && props.omitEmpty ? undefined : next);
  return (
    <div class="list">
      {items.map((item, i) => (
        <div class="item" key={i}>
          <Field
            name={`${props.name}[${i}]`}
            path={`${path}/${i}`}
            schema={schema.items!}
            value={item}
            required
            omitEmpty={false}
            problems={problems}
            onChange={(v) => set(items.map((x, j) => (j === i ? v : x)))}
          />
          <button type="button" class="small" onClick={() => set(items.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="small" onClick={() => set([...items, itemValue(schema.items!)])}>
        Add {label(schema.items!)}
      </button>
    </div>
  );
}

function ObjectFields(props: Omit<FieldProps, 'name' | 'required' | 'omitEmpty'>) {
  const { schema, path, onChange, problems } = props;
  const value = (props.value && typeof props.value === 'object' ? props.value : {}) as Record<
    string,
    unknown
  >;
  const required = new Set(schema.required ?? []);
  return (
    <div class="fields">
      {Object.entries(schema.properties ?? {}).map(([name, sub]) => (
        <Field
          key={name}
          name={name}
          path={path ? `${path}/${name}` : name}
          schema={sub}
          value={value[name]}
          required={required.has(name)}
          omitEmpty
          problems={problems}
          onChange={(v) => {
            const next = { ...value };
            if (v === undefined) delete next[name];
            else next[name] = v;
            onChange(next);
          }}
        />
      ))}
    </div>
  );
}

function Body(props: FieldProps) {
  const kind = kindOf(props.schema);
  if (kind === 'object') return <ObjectFields {...props} />;
  if (kind === 'array') return <List {...props} />;
  if (kind === 'union') return <Union {...props} />;
  return <Input {...props} />;
}

function Field(props: FieldProps) {
  const { schema, name, required, path, problems } = props;
  const kind = kindOf(schema);
  const Heading = SINGLE_CONTROL.has(kind) ? 'label' : 'div';
  return (
    <div class={`field field-${kind}`}>
      <Heading class="label" htmlFor={SINGLE_CONTROL.has(kind) ? fieldId(path) : undefined}>
        <span class="name">
          {name}
          {required && (
            <span class="req" title="required">
              {' '}
              *
            </span>
          )}
        </span>
        {schema.description && <span class="hint">{schema.description}</span>}
      </Heading>
      <Body {...props} />
      <Problem path={path} problems={problems} />
    </div>
  );
}

/** The whole form for one tool's arguments. */
export function SchemaForm(props: {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  problems: Problems;
}) {
  return (
    <ObjectFields
      path=""
      schema={props.schema}
      value={props.value}
      problems={props.problems}
      onChange={(v) => props.onChange((v ?? {}) as Record<string, unknown>)}
    />
  );
}

export { JsonField };
