// Bad spec input fails with a message that names the file and JSON pointer of the problem.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import { SpecErrors } from '../../src/load/spec-error.js';
import { miniSpecCopy } from '../fixtures.js';

type Doc = Record<string, any>;
const cases: { name: string; file: string; change: (doc: Doc) => void; message: RegExp }[] = [
  {
    name: 'default outside the enum of the shared schema it adds to',
    file: 'paths/widgets.yaml',
    change: (d) => (d.CreateWidget.get.parameters.find((p: Doc) => p.name === 'Color').schema.default = 'BLUE'),
    message: /paths\/widgets\.yaml#\/CreateWidget\/get\/parameters\/5\/schema\/default: the default 'BLUE' of parameter 'Color' is not one of its enum \(RED, GREEN\)/,
  },
  {
    name: 'default of another kind',
    file: 'paths/widgets.yaml',
    change: (d) => (d.CreateWidget.get.parameters.find((p: Doc) => p.name === 'Shiny').schema.default = 'no'),
    message: /parameters\/3\/schema\/default: the default of parameter 'Shiny' must be a boolean \(found "no"\)/,
  },
  {
    name: 'default on a required parameter',
    file: 'paths/widgets.yaml',
    change: (d) => (d.CreateWidget.get.parameters.find((p: Doc) => p.name === 'Name').schema.default = 'gear'),
    message: /parameters\/2\/schema\/default: parameter 'Name' is required: a default would never apply/,
  },
  {
    name: 'a constraint beside the allOf of a non-object shared schema',
    file: 'paths/widgets.yaml',
    change: (d) => (d.CreateWidget.get.parameters.find((p: Doc) => p.name === 'Color').schema.maxLength = 3),
    message: /parameters\/5\/schema: an allOf of the non-object schema 'Color' may add only description, deprecated, nullable, example, default \(found maxLength\)/,
  },
  {
    name: 'a sibling of the $ref inside the allOf',
    file: 'paths/widgets.yaml',
    change: (d) => (d.CreateWidget.get.parameters.find((p: Doc) => p.name === 'Color').schema.allOf[0].description = 'X.'),
    message: /parameters\/5\/schema\/allOf\/0: a \$ref takes no siblings/,
  },
  {
    name: 'an allOf of a non-object shared schema and another member',
    file: 'paths/widgets.yaml',
    change: (d) => d.CreateWidget.get.parameters.find((p: Doc) => p.name === 'Color').schema.allOf.push({ type: 'string' }),
    message: /parameters\/5\/schema\/allOf\/0: 'Color' is not an object schema/,
  },
  {
    name: 'missing operationId',
    file: 'paths/widgets.yaml',
    change: (d) => delete d.GetWidget.get.operationId,
    message: /paths\/widgets\.yaml#\/GetWidget\/get: an operation needs an operationId/,
  },
  {
    name: 'unknown type',
    file: 'components/schemas/widgets.yaml',
    change: (d) => (d.Widget.properties.Weight.type = 'long'),
    message: /components\/schemas\/widgets\.yaml#\/Widget\/properties\/Weight\/type: unknown type 'long'/,
  },
  {
    name: 'dangling $ref',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get.parameters[2] = { $ref: '../components/parameters.yaml#/WidgetId' }),
    message: /paths\/widgets\.yaml#\/GetWidget\/get\/parameters\/2\/\$ref: \$ref '..\/components\/parameters.yaml#\/WidgetId' points to nothing/,
  },
  {
    name: 'dangling $ref to a missing file',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get.responses['200'].content['application/json'].schema.allOf[1] = { $ref: '../nowhere.yaml#/X' }),
    message: /paths\/widgets\.yaml#\/GetWidget\/get\/responses\/200\/content\/application~1json\/schema\/allOf\/1\/\$ref: file nowhere\.yaml does not exist/,
  },
  {
    name: 'duplicate Action (GET and POST of one path item)',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.post = d.GetWidget.get),
    message: /paths\/widgets\.yaml#\/GetWidget\/post: Action 'GetWidget' is already defined at paths\/widgets\.yaml#\/GetWidget\/get/,
  },
  {
    name: 'operation mounted at another operation’s path key',
    file: 'openapi.yaml',
    change: (d) => (d.paths['/#Action=GetWidget'] = { $ref: './paths/widgets.yaml#/ListWidget' }),
    message: /paths\/widgets\.yaml#\/ListWidget\/get: operation ListWidget is mounted at '\/#Action=GetWidget'; expected '\/#Action=ListWidget'/,
  },
  {
    name: 'Action parameter that names another operation',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get.parameters[0].schema.enum = ['ListWidget']),
    message: /paths\/widgets\.yaml#\/GetWidget\/get\/parameters: operation GetWidget must declare a required 'Action' parameter whose only value is 'GetWidget'/,
  },
  {
    name: 'array parameter without a wire style',
    file: 'paths/widgets.yaml',
    change: (d) => d.GetWidget.get.parameters.push({ name: 'Ids', in: 'query', description: 'I.', schema: { type: 'array', items: { type: 'string' } } }),
    message: /paths\/widgets\.yaml#\/GetWidget\/get\/parameters\/\d+: parameter 'Ids' is an array: it needs an x-acr-style/,
  },
  {
    name: 'wire style that is not repeatList or json',
    file: 'paths/widgets.yaml',
    change: (d) => d.GetWidget.get.parameters.push({ name: 'Ids', in: 'query', description: 'I.', 'x-acr-style': 'flat', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } }),
    message: /parameters\/\d+\/x-acr-style: parameter 'Ids': x-acr-style must be 'repeatList' or 'json', found "flat"/,
  },
  {
    name: 'wire style on a scalar parameter declared with content',
    file: 'paths/widgets.yaml',
    change: (d) => d.GetWidget.get.parameters.push({ name: 'Id', in: 'query', description: 'I.', 'x-acr-style': 'json', content: { 'application/json': { schema: { type: 'string' } } } }),
    message: /parameters\/\d+\/x-acr-style: parameter 'Id' is a scalar; only arrays and objects have an x-acr-style/,
  },
  {
    name: 'wire style beside a plain schema',
    file: 'paths/widgets.yaml',
    change: (d) => d.GetWidget.get.parameters.push({ name: 'Ids', in: 'query', description: 'I.', 'x-acr-style': 'repeatList', schema: { type: 'array', items: { type: 'string' } } }),
    message: /parameter 'Ids' has an x-acr-style: declare its schema under 'content: application\/json'/,
  },
  {
    name: 'content without a wire style',
    file: 'paths/widgets.yaml',
    change: (d) => d.GetWidget.get.parameters.push({ name: 'Ids', in: 'query', description: 'I.', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } }),
    message: /parameter 'Ids' has 'content': it needs an x-acr-style/,
  },
  {
    name: 'missing RAM rule',
    file: 'paths/widgets.yaml',
    change: (d) => delete d.CreateWidget.get['x-acs-ram'],
    message: /paths\/widgets\.yaml#\/CreateWidget\/get\/x-acs-ram: x-acs-ram needs/,
  },
  {
    name: 'unsupported composition',
    file: 'components/schemas/widgets.yaml',
    change: (d) => (d.Widget.properties.Ratio = { oneOf: [{ type: 'string' }, { type: 'number' }] }),
    message: /Widget\/properties\/Ratio: 'oneOf' is not supported/,
  },
  {
    name: 'integer without a format',
    file: 'components/schemas/widgets.yaml',
    change: (d) => delete d.Paging.properties.PageNo.format,
    message: /Paging\/properties\/PageNo\/format: an integer needs format int32 or int64/,
  },
  {
    name: 'paged operation without a list to iterate',
    file: 'paths/widgets.yaml',
    change: (d) => (d.ListWidget.get.responses['200'].content['application/json'].schema.allOf[2].properties.Widgets = { type: 'string', description: 'x' }),
    message: /paths\/widgets\.yaml#\/ListWidget\/get: a paged response needs exactly one list field/,
  },
  {
    name: 'item key naming no field of the items',
    file: 'paths/widgets.yaml',
    change: (d) => (d.ListWidget.get['x-acr-item-key'] = ['WidgetName']),
    message: /ListWidget\/get\/x-acr-item-key: 'WidgetName' is not a string or integer field of the items \(fields: WidgetId, /,
  },
  {
    name: 'item key as a bare string',
    file: 'paths/widgets.yaml',
    change: (d) => (d.ListWidget.get['x-acr-item-key'] = 'WidgetId'),
    message: /ListWidget\/get\/x-acr-item-key: x-acr-item-key must be a list of the item fields that identify an item/,
  },
  {
    name: 'item key on an operation that does not page',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get['x-acr-item-key'] = ['WidgetId']),
    message: /GetWidget\/get\/x-acr-item-key: x-acr-item-key is only for paged operations/,
  },
  {
    name: 'unknown tag',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get.tags = ['Gadgets']),
    message: /GetWidget\/get\/tags: tag 'Gadgets' is not declared/,
  },
  {
    name: 'required property that does not exist',
    file: 'components/schemas/widgets.yaml',
    change: (d) => d.Widget.required.push('Wheels'),
    message: /Widget\/required: required property 'Wheels' is not among the properties/,
  },
  {
    name: 'x-acr-value naming no source',
    file: 'components/parameters.yaml',
    change: (d) => (d.AccessKeyId['x-acr-value'] = { from: 'clock' }),
    message: /components\/parameters\.yaml#\/AccessKeyId\/x-acr-value: x-acr-value needs one key: 'value' \(a fixed string\) or 'from' \(one of apiVersion, /,
  },
  {
    name: 'x-acr-value outside the parameter’s enum',
    file: 'components/parameters.yaml',
    change: (d) => (d.Version['x-acr-value'] = { value: '1999-01-01' }),
    message: /components\/parameters\.yaml#\/Version\/x-acr-value: the value '1999-01-01' is not one of the parameter's enum \(2020-01-01\)/,
  },
  {
    name: 'x-acr-value on an operation’s own parameter',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get.parameters[2]['x-acr-value'] = { value: 'w-1' }),
    message: /GetWidget\/get\/parameters: parameter 'WidgetId' has an x-acr-value, which only common \(path-item\) parameters take/,
  },
  {
    name: 'a path item missing a common parameter the others list',
    file: 'paths/widgets.yaml',
    change: (d) => (d.ListWidget.parameters = d.ListWidget.parameters.slice(0, 1)),
    message: /ListWidget\/get: the path item's common parameters \(Format\) differ from those of paths\/widgets\.yaml#\/GetWidget\/get \(Format, Version, AccessKeyId, SignatureNonce, Timestamp, SecurityToken\)/,
  },
  {
    name: 'a format parameter that is not a common parameter',
    file: 'openapi.yaml',
    change: (d) => (d['x-acs-rpc'].formatParameter = 'Fmt'),
    message: /openapi\.yaml#\/x-acs-rpc\/formatParameter: 'Fmt' is not a common parameter \(Format, Version, AccessKeyId, SignatureNonce, Timestamp, SecurityToken\)/,
  },
  {
    name: 'a format parameter without a schema default (the default response format is stated there, once)',
    file: 'components/parameters.yaml',
    change: (d) => delete d.Format.schema.default,
    message: /openapi\.yaml#\/x-acs-rpc\/formatParameter: the format parameter 'Format' needs a schema default, XML or JSON: the response format of a request that names none \(found none\)/,
  },
  {
    name: 'a format parameter that is not a name',
    file: 'openapi.yaml',
    change: (d) => (d['x-acs-rpc'].formatParameter = 7),
    message: /openapi\.yaml#\/x-acs-rpc: x-acs-rpc needs .* \(and formatParameter, when given, is a name\)/,
  },
  {
    name: 'waiters that are not a list',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get['x-acr-waiters'] = { name: 'WidgetGreen' }),
    message: /GetWidget\/get\/x-acr-waiters: x-acr-waiters must be a non-empty list of waiters/,
  },
  {
    name: 'waiter on an operation that changes state',
    file: 'paths/widgets.yaml',
    change: (d) => (d.CreateWidget.get['x-acr-waiters'] = [{ name: 'Made', description: 'x', successErrors: ['NotFound'] }]),
    message: /CreateWidget\/get\/x-acr-waiters: x-acr-waiters is only for operations that only read \(Get\*, List\*\); CreateWidget changes state/,
  },
  {
    name: 'waiter with an unknown key',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get['x-acr-waiters'][0].sucess = ['GREEN']),
    message: /x-acr-waiters\/0\/sucess: 'sucess' is not a waiter key \(use name, description, field, success/,
  },
  {
    name: 'waiter without a PascalCase name',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get['x-acr-waiters'][0].name = 'widget-green'),
    message: /x-acr-waiters\/0\/name: a waiter needs a PascalCase name \(found "widget-green"\)/,
  },
  {
    name: 'waiter reading a field the response does not have',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get['x-acr-waiters'][0].field = 'Colour'),
    message: /x-acr-waiters\/0\/field: the response of GetWidget has no field 'Colour' \(fields: RequestId, WidgetId, Color/,
  },
  {
    name: 'waiter reading a field that is not a string',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get['x-acr-waiters'][0].field = 'Weight'),
    message: /x-acr-waiters\/0\/field: 'Weight' is a integer field; a waiter reads a string field/,
  },
  {
    name: 'waiter value outside the field’s enum',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get['x-acr-waiters'][0].success = ['BLUE']),
    message: /x-acr-waiters\/0\/success: 'BLUE' is not a value of the field \(its enum: RED, GREEN\)/,
  },
  {
    name: 'waiter value meaning both success and failure',
    file: 'paths/widgets.yaml',
    change: (d) => (d.GetWidget.get['x-acr-waiters'][0].failure = ['GREEN']),
    message: /x-acr-waiters\/0\/failure: waiter WidgetGreen lists 'GREEN' in both success and failure/,
  },
  {
    name: 'waiter without a success value',
    file: 'paths/widgets.yaml',
    change: (d) => delete d.GetWidget.get['x-acr-waiters'][0].success,
    message: /x-acr-waiters\/0\/success: waiter WidgetGreen reads 'Color' but lists no success value/,
  },
  {
    name: 'waiter that can never succeed',
    file: 'paths/widgets.yaml',
    change: (d) => delete d.GetWidget.get['x-acr-waiters'][1].successErrors,
    message: /x-acr-waiters\/1: waiter WidgetGone can never succeed: give 'field' and 'success' values, or 'successErrors'/,
  },
  {
    name: 'waiter values without a field',
    file: 'paths/widgets.yaml',
    change: (d) => delete d.GetWidget.get['x-acr-waiters'][0].field,
    message: /x-acr-waiters\/0: waiter WidgetGreen lists values but names no 'field' to read them from/,
  },
  {
    name: 'waiter declared twice',
    file: 'paths/widgets.yaml',
    change: (d) => (d.ListWidget.get['x-acr-waiters'] = [{ name: 'WidgetGone', description: 'x', successErrors: ['NotFound'] }]),
    message: /ListWidget\/get\/x-acr-waiters: the waiter 'WidgetGone' is already declared by GetWidget/,
  },
];

describe('bad spec input', () => {
  it.each(cases)('$name is reported with its location', ({ file, change, message }) => {
    const spec = miniSpecCopy({ file, change });
    let error: unknown;
    try {
      buildModel(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecErrors);
    expect((error as Error).message).toMatch(message);
  });

  it('reports every broken operation at once, not only the first', () => {
    const spec = miniSpecCopy({
      file: 'paths/widgets.yaml',
      change: (d) => {
        delete d.GetWidget.get.operationId;
        delete d.CreateWidget.get['x-acs-ram'];
      },
    });
    expect(() => buildModel(spec)).toThrow(/2 problems/);
  });

  it('the unchanged fixture builds', () => {
    expect(buildModel(miniSpecCopy()).operations).toHaveLength(3);
  });
});
