// A TypeScript source file written statement by statement from plain descriptions (imports,
// interfaces, type aliases, constants, a class), printed once with code-block-writer.
//
// Why not ts-morph: it parses the whole file again after every statement it inserts and formats
// it with the TypeScript language service, and loading the compiler alone costs about half a
// second. Regenerating every package at 117 operations took twice as long as the peers' generators
// (bench/generator). The emitters never needed an AST: they only write declarations.
import CodeBlockWriter from 'code-block-writer';

export { CodeBlockWriter };

/** Text, or a function writing it (for multi-line types and initializers that keep their indentation). */
export type WriterFunction = (writer: CodeBlockWriter) => void;
export type Text = string | WriterFunction;

export interface NamedImport {
  readonly name: string;
  readonly isTypeOnly?: boolean;
}

export interface ImportDeclaration {
  readonly moduleSpecifier: string;
  readonly namedImports?: readonly (string | NamedImport)[];
  /** `import * as Name from '...'`. */
  readonly namespaceImport?: string;
  readonly isTypeOnly?: boolean;
}

/** `export type * from '...'` (type-only) or `export * from '...'`. */
export interface ExportDeclaration {
  readonly moduleSpecifier: string;
  readonly isTypeOnly?: boolean;
}

/** A doc comment: one string per paragraph block, as written between `/**` and `*\/`. */
type Docs = readonly string[];

export interface Parameter {
  readonly name: string;
  readonly type: string;
  readonly hasQuestionToken?: boolean;
}

export interface PropertySignature {
  readonly name: string;
  readonly type: Text;
  readonly hasQuestionToken?: boolean;
  readonly isReadonly?: boolean;
  readonly docs?: Docs;
}

export interface MethodSignature {
  readonly name: string;
  readonly parameters: readonly Parameter[];
  readonly returnType: string;
  readonly docs?: Docs;
}

export interface InterfaceDeclaration {
  readonly name: string;
  readonly isExported?: boolean;
  readonly extends?: readonly string[];
  readonly docs?: Docs;
  readonly properties?: readonly PropertySignature[];
  readonly methods?: readonly MethodSignature[];
}

export interface TypeAliasDeclaration {
  readonly name: string;
  readonly type: Text;
  readonly isExported?: boolean;
  readonly docs?: Docs;
}

export interface VariableStatement {
  readonly name: string;
  readonly type?: string;
  readonly initializer: Text;
  readonly isExported?: boolean;
  readonly docs?: Docs;
}

export interface ClassDeclaration {
  readonly name: string;
  readonly isExported?: boolean;
  readonly extends?: string;
  readonly docs?: Docs;
  readonly ctor?: { readonly parameters: readonly Parameter[]; readonly statements: readonly string[]; readonly docs?: Docs };
}

export interface FunctionDeclaration {
  readonly name: string;
  readonly isExported?: boolean;
  /** `Base extends ChapterBase`, one per type parameter. */
  readonly typeParameters?: readonly string[];
  readonly parameters: readonly Parameter[];
  readonly returnType: string;
  readonly docs?: Docs;
  /** The statements between the braces (indented by the file). */
  readonly body: WriterFunction;
}

type Kind = 'import' | 'export' | 'declaration';

/**
 * The statements of one file, in the order added. Imports and re-exports stand in runs of their
 * own; every other statement is set apart by a blank line.
 */
export class TsFile {
  private readonly statements: { readonly kind: Kind; readonly write: WriterFunction }[] = [];

  addImportDeclaration(declaration: ImportDeclaration): void {
    this.statements.push({ kind: 'import', write: (w) => w.write(importText(declaration)) });
  }

  addImportDeclarations(declarations: readonly ImportDeclaration[]): void {
    for (const declaration of declarations) this.addImportDeclaration(declaration);
  }

  addExportDeclaration(declaration: ExportDeclaration): void {
    this.statements.push({ kind: 'export', write: (w) => w.write(`export ${declaration.isTypeOnly ? 'type ' : ''}* from '${declaration.moduleSpecifier}';`) });
  }

  addInterface(declaration: InterfaceDeclaration): void {
    this.declare(declaration.docs, (w) => {
      const bases = declaration.extends?.length ? ` extends ${declaration.extends.join(', ')}` : '';
      w.write(`${exported(declaration)}interface ${declaration.name}${bases} {`).newLine();
      w.indent(() => {
        for (const p of declaration.properties ?? []) {
          writeDocs(w, p.docs);
          w.write(`${p.isReadonly ? 'readonly ' : ''}${p.name}${p.hasQuestionToken ? '?' : ''}: `);
          writeText(w, p.type);
          w.write(';').newLine();
        }
        for (const m of declaration.methods ?? []) {
          writeDocs(w, m.docs);
          w.writeLine(`${m.name}(${parametersText(m.parameters)}): ${m.returnType};`);
        }
      });
      w.write('}');
    });
  }

  addTypeAlias(declaration: TypeAliasDeclaration): void {
    this.declare(declaration.docs, (w) => {
      w.write(`${exported(declaration)}type ${declaration.name} =`);
      // A union written one member per line starts on the next line.
      if (!(typeof declaration.type === 'string' && declaration.type.startsWith('\n'))) w.write(' ');
      writeText(w, declaration.type);
      w.write(';');
    });
  }

  addVariableStatement(declaration: VariableStatement): void {
    this.declare(declaration.docs, (w) => {
      w.write(`${exported(declaration)}const ${declaration.name}${declaration.type ? `: ${declaration.type}` : ''} = `);
      writeText(w, declaration.initializer);
      w.write(';');
    });
  }

  addClass(declaration: ClassDeclaration): void {
    this.declare(declaration.docs, (w) => {
      w.write(`${exported(declaration)}class ${declaration.name}${declaration.extends ? ` extends ${declaration.extends}` : ''} {`).newLine();
      const { ctor } = declaration;
      if (ctor) {
        w.indent(() => {
          writeDocs(w, ctor.docs);
          w.write(`constructor(${parametersText(ctor.parameters)}) {`).newLine();
          w.indent(() => ctor.statements.forEach((s) => w.writeLine(s)));
          w.writeLine('}');
        });
      }
      w.write('}');
    });
  }

  addFunction(declaration: FunctionDeclaration): void {
    this.declare(declaration.docs, (w) => {
      const typeParameters = declaration.typeParameters?.length ? `<${declaration.typeParameters.join(', ')}>` : '';
      w.write(`${exported(declaration)}function ${declaration.name}${typeParameters}(${parametersText(declaration.parameters)}): ${declaration.returnType} {`).newLine();
      w.indent(() => declaration.body(w));
      w.write('}');
    });
  }

  getFullText(): string {
    const w = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
    let previous: Kind | undefined;
    for (const statement of this.statements) {
      if (previous !== undefined) {
        w.newLine();
        if (previous !== statement.kind || statement.kind === 'declaration') w.blankLine();
      }
      statement.write(w);
      previous = statement.kind;
    }
    return `${w.toString()}\n`;
  }

  private declare(docs: Docs | undefined, write: WriterFunction): void {
    this.statements.push({ kind: 'declaration', write: (w) => (writeDocs(w, docs), write(w)) });
  }
}

function exported(declaration: { readonly isExported?: boolean }): string {
  return declaration.isExported ? 'export ' : '';
}

function importText(d: ImportDeclaration): string {
  const type = d.isTypeOnly ? 'type ' : '';
  if (d.namespaceImport !== undefined) return `import ${type}* as ${d.namespaceImport} from '${d.moduleSpecifier}';`;
  const names = (d.namedImports ?? []).map((n) => (typeof n === 'string' ? n : `${n.isTypeOnly ? 'type ' : ''}${n.name}`));
  return `import ${type}{ ${names.join(', ')} } from '${d.moduleSpecifier}';`;
}

function parametersText(parameters: readonly Parameter[]): string {
  return parameters.map((p) => `${p.name}${p.hasQuestionToken ? '?' : ''}: ${p.type}`).join(', ');
}

function writeText(w: CodeBlockWriter, text: Text): void {
  if (typeof text === 'string') w.write(text);
  else text(w);
}

/** `/** text *\/` for one line, else one ` * ` line per line of text. */
function writeDocs(w: CodeBlockWriter, docs: Docs | undefined): void {
  for (const doc of docs ?? []) {
    const lines = doc.split('\n');
    if (lines.length === 1) {
      w.writeLine(`/** ${doc} */`);
      continue;
    }
    w.writeLine('/**');
    for (const line of lines) w.writeLine(line ? ` * ${line}` : ' *');
    w.writeLine(' */');
  }
}
