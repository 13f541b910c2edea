// Every example in the spec, and every parameter's default, paired with the schema it must satisfy.
import type { OpenAPIV3 } from 'openapi-types';
import { allParameters, listOperations, parameterSchema, type OperationEntry } from './operations.js';
import { validateExample, type ValidationFailure } from './schema-validator.js';

export interface ExampleCheck {
  operationId: string;
  where: string;
  failures: ValidationFailure[];
}

function checkOperation(entry: OperationEntry): ExampleCheck[] {
  const checks: ExampleCheck[] = [];
  for (const parameter of allParameters(entry)) {
    if (parameter.example === undefined) continue;
    checks.push({
      operationId: entry.operationId,
      where: `parameter ${parameter.name}`,
      failures: validateExample(parameterSchema(parameter), parameter.example),
    });
  }
  for (const parameter of allParameters(entry)) {
    const schema = parameterSchema(parameter);
    if (schema?.default === undefined) continue;
    // The value the service takes for a parameter not sent: one the parameter could be sent with,
    // and only for one that may be left out.
    const failures = validateExample(schema, schema.default);
    if (parameter.required === true) failures.push({ path: '/', message: 'a required parameter has a default' });
    checks.push({ operationId: entry.operationId, where: `parameter ${parameter.name} default`, failures });
  }
  for (const [status, response] of Object.entries(entry.operation.responses ?? {})) {
    const media = (response as OpenAPIV3.ResponseObject).content?.['application/json'];
    if (!media) continue;
    checks.push({
      operationId: entry.operationId,
      where: `response ${status}`,
      failures: media.example === undefined
        ? [{ path: '/', message: 'no example' }]
        : validateExample(media.schema, media.example),
    });
  }
  return checks;
}

/** Validates every parameter and response example of every operation in `doc`. */
export function checkExamples(doc: OpenAPIV3.Document): ExampleCheck[] {
  return listOperations(doc).flatMap(checkOperation);
}
