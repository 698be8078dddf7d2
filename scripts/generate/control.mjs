// The emulator's control API (openapi/emulator-control.yaml) as one self-contained document: its
// `$ref`s into the API contract (`./aigateway.yaml#/components/schemas/Job`) become local refs,
// with the contract schemas they need (transitively) copied into `components.schemas`. The
// emulator validates scenario files and control requests against it at run time, its tests check
// every control response against it, and openapi-typescript renders its types from it.

const CONTRACT_REF = /^\.\/aigateway\.yaml#\/components\/schemas\/([^/]+)$/;
const LOCAL_REF = /^#\/components\/schemas\/([^/]+)$/;

/**
 * @param {object} control the parsed openapi/emulator-control.yaml
 * @param {object} contract the parsed openapi/aigateway.yaml
 * @returns {object} the control document with no external `$ref`
 */
export function resolveControlDocument(control, contract) {
  const doc = structuredClone(control);
  const own = doc.components.schemas;
  const copied = new Map();

  const copy = (name) => {
    if (copied.has(name)) return;
    const schema = contract.components.schemas[name];
    if (!schema)
      throw new Error(`emulator-control.yaml refers to a contract schema that does not exist: ${name}`);
    if (own[name])
      throw new Error(`emulator-control.yaml defines ${name}, which it also takes from the contract.`);
    copied.set(name, schema);
    walk(schema, (ref) => {
      const local = LOCAL_REF.exec(ref);
      if (local) copy(local[1]);
    });
  };

  // Rewrites external refs in the control document and notes the schemas they need.
  const rewrite = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (typeof node.$ref === 'string') {
      const external = CONTRACT_REF.exec(node.$ref);
      if (external) {
        copy(external[1]);
        node.$ref = `#/components/schemas/${external[1]}`;
      } else if (!node.$ref.startsWith('#/')) {
        throw new Error(`Unsupported $ref in emulator-control.yaml: ${node.$ref}`);
      }
    }
    for (const value of Object.values(node)) rewrite(value);
  };
  rewrite(doc);
  for (const [name, schema] of copied) own[name] = structuredClone(schema);
  return doc;
}

function walk(node, onRef) {
  if (node === null || typeof node !== 'object') return;
  if (typeof node.$ref === 'string') onRef(node.$ref);
  for (const value of Object.values(node)) walk(value, onRef);
}
