// Every example in the spec, paired with the schema it must satisfy.
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
