// Response checks against the control API's own document (openapi/emulator-control.yaml).
import Ajv2020 from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import control from '../src/generated/control.json' with { type: 'json' };

const ID = 'https://emulator.local/control.json';
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: false });
ajv.addSchema({ ...control, $id: ID });

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Asserts that a control API response is declared for the operation and status, and that its
 * JSON body matches the declared schema. Returns the body.
 */
export async function expectControl<T = Record<string, unknown>>(
  res: Response,
  method: string,
  template: string,
): Promise<T> {
  const op = (control.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[
    template
  ]?.[method.toLowerCase()];
  expect(op, `${method} ${template} is in the control document`).toBeDefined();
  expect(Object.keys(op!.responses), `${method} ${template} declares ${res.status}`).toContain(
    String(res.status),
  );
  const body = (await res.json()) as T;
  const pointer = `${ID}#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${res.status}`;
  const response = op!.responses[String(res.status)] as { $ref?: string };
  const schemaRef = response.$ref
    ? `${ID}${response.$ref}/content/application~1json/schema`
    : `${pointer}/content/application~1json/schema`;
  const validate = ajv.getSchema(schemaRef) ?? ajv.compile({ $ref: schemaRef });
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  return body;
}
