// Emits src/generated/types.ts: one declaration per named schema, and per operation its request
// (the wire-named parameters), its response, and for paged operations the type of one item.
import type { InterfaceDeclarationStructure, OptionalKind, PropertySignatureStructure, SourceFile } from 'ts-morph';
import type { ApiModel, NamedSchema, OperationModel, ParameterModel } from '../../model/index.js';
import { docText, safe } from './docs.js';
import { propertyName, typeText } from './type-text.js';

export function emitTypes(model: ApiModel, file: SourceFile): void {
  for (const schema of model.schemas) emitNamedSchema(file, schema);
  for (const op of model.operations) {
    file.addInterface(requestInterface(op));
    file.addInterface({
      name: `${op.name}Response`,
      isExported: true,
      extends: op.response.type.bases.slice(),
      docs: [`The result of {@link AcrClient.${op.methodName}}. ${safe(op.response.description)}`],
      properties: op.response.type.properties.map((p) => ({
        name: propertyName(p.name),
        hasQuestionToken: !p.required,
        type: typeText(p.type),
        docs: docsOf(docText(p.type)),
      })),
    });
    if (op.pagination) {
      file.addTypeAlias({
        name: `${op.name}Item`,
        isExported: true,
        docs: [`One item of {@link ${op.name}Response.${op.pagination.itemsField}}, as yielded by {@link AcrClient.${op.methodName}All}.`],
        type:
          op.pagination.itemType.kind === 'ref'
            ? op.pagination.itemType.name
            : `NonNullable<${op.name}Response['${op.pagination.itemsField}']>[number]`,
      });
    }
  }
}

function emitNamedSchema(file: SourceFile, schema: NamedSchema): void {
  const { type } = schema;
  const docs = docsOf(docText(type));
  if (type.kind === 'object' && !type.additionalProperties) {
    file.addInterface({
      name: schema.name,
      isExported: true,
      extends: type.bases.slice(),
      docs,
      properties: type.properties.map((p) => ({
        name: propertyName(p.name),
        hasQuestionToken: !p.required,
        type: typeText(p.type),
        docs: docsOf(docText(p.type)),
      })),
    });
    return;
  }
  file.addTypeAlias({ name: schema.name, isExported: true, docs, type: typeText(type) });
}

function requestInterface(op: OperationModel): OptionalKind<InterfaceDeclarationStructure> {
  return {
    name: `${op.name}Request`,
    isExported: true,
    docs: [`The parameters of {@link AcrClient.${op.methodName}}, by their wire names.`],
    properties: op.parameters.map(requestProperty),
  };
}

function requestProperty(p: ParameterModel): OptionalKind<PropertySignatureStructure> {
  const extra: string[] = [];
  if (p.serverVariable) extra.push(`Defaults to the client's \`${p.serverVariable}\`.`);
  if (p.example !== undefined) extra.push(`@example ${safe(JSON.stringify(p.example))}`);
  const type = { ...p.type, description: p.description || p.type.description, example: undefined };
  return {
    name: propertyName(p.name),
    hasQuestionToken: !p.required || p.serverVariable !== undefined,
    type: typeText(p.type),
    docs: docsOf(docText(type, extra)),
  };
}

function docsOf(text: string): string[] {
  return text ? [text] : [];
}
