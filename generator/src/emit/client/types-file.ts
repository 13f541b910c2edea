// Emits the client's types: per schema file of the spec, the shared schemas it declares
// (schemas/*.ts); per chapter, each operation's request (the wire-named parameters), its response,
// and for paged operations the type of one item (types/*.ts); and types.ts, which re-exports them all.
import type { InterfaceDeclaration, PropertySignature, TsFile } from '../shared/ts-file.js';
import { type ApiModel, type NamedSchema, type OperationModel, type ParameterModel, referencedSchemas } from '../../model/index.js';
import { docText, safe } from './docs.js';
import { type Chapter, relativeModule, schemaFiles, schemaImports } from './layout.js';
import { propertyName, typeText, type TypeStyle } from './type-text.js';

/** types.ts: every chapter's types and every shared schema, as one module. */
export function emitTypesIndex(model: ApiModel, chapters: readonly Chapter[], file: TsFile): void {
  for (const path of [...chapters.map((c) => c.typesFile), ...schemaFiles(model).keys()]) {
    file.addExportDeclaration({ moduleSpecifier: relativeModule('types.ts', path), isTypeOnly: true });
  }
}

/** One schema file: the shared schemas the spec declares in it. */
export function emitSchemaFile(model: ApiModel, path: string, schemas: readonly NamedSchema[], file: TsFile): void {
  const used = new Set<string>();
  for (const schema of schemas) referencedSchemas(schema.type, used);
  file.addImportDeclarations(schemaImports(model, used, path));
  const sent = schemasSent(model);
  const answer = answerStyle(model);
  for (const schema of schemas) emitNamedSchema(file, schema, sent.has(schema.name) ? PLAIN_STYLE : answer);
}

const PLAIN_STYLE: TypeStyle = { readonly: false };

/** The style of what the service answers: the named string value sets open (see TypeStyle.openEnums). */
function answerStyle(model: ApiModel): TypeStyle {
  return { readonly: false, openEnums: new Set(model.schemas.filter((s) => s.type.kind === 'string' && s.type.enum).map((s) => s.name)) };
}

/** The named schemas a request can carry (directly or nested): their types stay closed. */
function schemasSent(model: ApiModel): Set<string> {
  const sent = new Set<string>();
  for (const op of model.operations) for (const p of op.parameters) referencedSchemas(p.type, sent);
  for (let size = -1; size !== sent.size; ) {
    size = sent.size;
    for (const schema of model.schemas) if (sent.has(schema.name)) referencedSchemas(schema.type, sent);
  }
  return sent;
}

/** One chapter's request, response and item types. */
export function emitChapterTypes(model: ApiModel, chapter: Chapter, file: TsFile): void {
  const used = new Set<string>();
  for (const op of chapter.operations) {
    for (const p of op.parameters) referencedSchemas(p.type, used);
    referencedSchemas(op.response.type, used);
    if (op.pagination) referencedSchemas(op.pagination.itemType, used);
  }
  file.addImportDeclarations(schemaImports(model, used, chapter.typesFile));
  const answer = answerStyle(model);
  for (const op of chapter.operations) emitOperationTypes(file, op, answer);
}

function emitOperationTypes(file: TsFile, op: OperationModel, answer: TypeStyle): void {
  file.addInterface(requestInterface(op));
  file.addInterface({
    name: `${op.name}Response`,
    isExported: true,
    extends: op.response.type.bases.slice(),
    docs: [`The result of {@link AcrClient.${op.methodName}}. ${safe(op.response.description)}`],
    properties: op.response.type.properties.map((p) => ({
      name: propertyName(p.name),
      hasQuestionToken: !p.required,
      type: typeText(p.type, answer),
      docs: docsOf(docText(p.type)),
    })),
  });
  if (op.pagination) {
    file.addTypeAlias({
      name: `${op.name}Item`,
      isExported: true,
      docs: [`One item of {@link ${op.name}Response.${op.pagination.itemsField}}${op.pagination.itemsInnerField === undefined ? '' : `.${op.pagination.itemsInnerField}`}, as yielded by {@link AcrClient.${op.methodName}All}.`],
      type:
        op.pagination.itemType.kind === 'ref'
          ? op.pagination.itemType.name
          : op.pagination.itemsInnerField === undefined
            ? `NonNullable<${op.name}Response['${op.pagination.itemsField}']>[number]`
            : `NonNullable<NonNullable<${op.name}Response['${op.pagination.itemsField}']>['${op.pagination.itemsInnerField}']>[number]`,
    });
  }
}

function emitNamedSchema(file: TsFile, schema: NamedSchema, style: TypeStyle): void {
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
        type: typeText(p.type, style),
        docs: docsOf(docText(p.type)),
      })),
    });
    return;
  }
  // A named value set itself stays closed: requests use it; answers open it where they use it.
  file.addTypeAlias({ name: schema.name, isExported: true, docs, type: typeText(type, type.kind === 'string' ? PLAIN_STYLE : style) });
}

function requestInterface(op: OperationModel): InterfaceDeclaration {
  return {
    name: `${op.name}Request`,
    isExported: true,
    docs: [`The parameters of {@link AcrClient.${op.methodName}}, by their wire names.`],
    properties: op.parameters.map(requestProperty),
  };
}

function requestProperty(p: ParameterModel): PropertySignature {
  const extra: string[] = [];
  if (p.serverVariable) extra.push(`Defaults to the client's \`${p.serverVariable}\`.`);
  if (p.example !== undefined) extra.push(`@example ${safe(JSON.stringify(p.example))}`);
  const type = { ...p.type, description: p.description || p.type.description, example: undefined, default: p.default };
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
