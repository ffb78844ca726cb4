/**
 * @fileoverview Type → role: what a value is for the database libraries the models describe.
 *
 * A value is a pool, a dedicated handle, a transaction handle or a modelled resource by the
 * type the checker gives it, resolved to where the library's typings declare it. Nothing here
 * looks at what a call does: that is effects.ts.
 */
import ts = require('typescript');

import type { LibraryModel, MemberRef, ResourceModel, TransactionModel } from '../models/model.js';

import { cachedFn } from './memo.js';
import { calleeName, isNothing, skipOuterExpressions } from './syntax.js';
import { declarationRefs, type DeclarationRef, isProjectFile, PROJECT_FILE, symbolAt, typeChain } from './types.js';

/** The role a type plays in a library's transactions. */
export interface TransactionRole {
  readonly library: LibraryModel;
  readonly model: TransactionModel;
  /** A pool or root handle (or one bound to a pool), rather than a dedicated handle. */
  readonly onPool: boolean;
  /** A handle bound to a pool, such as a repository. */
  readonly bound?: boolean;
}

/** Roles of types and declarations, for one program's checker and one set of models. */
export class Roles {
  private readonly refsCache = new Map<ts.Symbol, DeclarationRef[]>();

  /**
   * The symbol a name refers to, through import aliases, kept per name: the rules ask about the
   * same callees, and resolving a property name checks its access expression again.
   */
  readonly symbolAt = cachedFn((name: ts.Node): ts.Symbol | undefined => symbolAt(this.checker, name));

  /** {@link typeChain}, kept per type: every rule asks about the same few handle types. */
  readonly chainOf = cachedFn((type: ts.Type): { package: string; name: string }[] => typeChain(type, this.checker));

  constructor(
    readonly checker: ts.TypeChecker,
    readonly models: readonly LibraryModel[],
  ) {}

  /**
   * The modelled resource that values of `type` are, through aliases, unions with
   * `undefined`, `Promise<T>` and subclasses; the most specific type in the chain wins.
   */
  resourceOfType(type: ts.Type): { library: LibraryModel; resource: ResourceModel } | undefined {
    for (const { package: pkg, name } of this.chainOf(type)) {
      for (const library of this.models) {
        if (!ownsPackage(library, pkg)) {
          continue;
        }
        const resource = library.resources.find((candidate) => candidate.types?.includes(name));
        if (resource) {
          return { library, resource };
        }
      }
    }
    return undefined;
  }

  /** Whether values of this type are a transaction handle of `library` (`Knex.Transaction`). */
  isTransactionHandleOf(type: ts.Type, library: LibraryModel): boolean {
    const role = this.transactionRole(type);
    return !!role && !role.onPool && role.library === library;
  }

  /** Whether values of this type are a pool, or a handle bound to one (a repository), of some library. */
  isPoolLike(type: ts.Type): boolean {
    return this.transactionRole(type)?.onPool === true;
  }

  /** `pool` for a pool or root handle of `library`, `bound` for a handle bound to one (a repository). */
  poolRole(type: ts.Type, library: LibraryModel): 'bound' | 'pool' | undefined {
    const role = this.transactionRole(type);
    return role?.onPool && role.library === library ? (role.bound ? 'bound' : 'pool') : undefined;
  }

  /** Whether values of this type exist only inside a transaction (`Knex.Transaction`), and of which library. */
  isInTransactionOnly(type: ts.Type): TransactionRole | undefined {
    const role = this.transactionRole(type);
    const names = role?.model.inTransactionOnly;
    return names && this.isNamed(type, role.library, names) ? role : undefined;
  }

  /** Whether values of this type are, through aliases and subclasses, one of `names` as `library`'s typings declare them. */
  isNamed(type: ts.Type, library: LibraryModel, names: readonly string[]): boolean {
    return this.chainOf(type).some(({ package: pkg, name }) => ownsPackage(library, pkg) && names.includes(name));
  }

  /** What values of this type are to a library's transactions: a dedicated handle, or a pool. */
  transactionRole(type: ts.Type): TransactionRole | undefined {
    for (const { package: pkg, name } of this.chainOf(type)) {
      for (const library of this.models) {
        const model = library.transactions;
        if (!model || !ownsPackage(library, pkg)) {
          continue;
        }
        if (model.handles.includes(name)) {
          return { library, model, onPool: false };
        }
        if (model.pools?.includes(name)) {
          return { library, model, onPool: true };
        }
        if (model.poolBound?.includes(name)) {
          return { library, model, onPool: true, bound: true };
        }
      }
    }
    return undefined;
  }

  /**
   * Whether the function this call invokes is declared by one of the library's packages. Asks
   * for the callee's symbol, not the resolved signature: overload resolution would type-check
   * every callback passed as an argument.
   */
  isDeclaredBy(call: ts.CallExpression | ts.NewExpression, library: LibraryModel): boolean {
    const name = calleeName(call);
    return !!name && this.refsOf(name).some((ref) => declares(library, ref));
  }

  /** The project function (with a body, outside packages) that this call invokes, if it is one. */
  projectCallee(call: ts.CallExpression | ts.NewExpression): ts.FunctionLikeDeclaration | undefined {
    const name = calleeName(call);
    const symbol = name && this.symbolAt(name);
    for (const declaration of symbol?.declarations ?? []) {
      let fn: ts.Node = declaration;
      // `const finish = async (client) => { … }`
      if (ts.isVariableDeclaration(fn) && fn.initializer) {
        fn = fn.initializer;
      }
      // CommonJS: `exports.getClient = function () { … }` is declared by its assignment.
      const assignment = ts.isBinaryExpression(fn) ? fn : ts.isBinaryExpression(fn.parent) && fn.parent.left === fn ? fn.parent : undefined;
      if (assignment?.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        fn = skipOuterExpressions(assignment.right);
      }
      if (ts.isFunctionLike(fn) && (fn as ts.FunctionLikeDeclaration).body) {
        const file = fn.getSourceFile();
        if (isProjectFile(file)) {
          return fn as ts.FunctionLikeDeclaration;
        }
      }
    }
    return undefined;
  }

  /** Whether a model's package declares what this name refers to. */
  isModelled(name: ts.Identifier): boolean {
    return this.libraryDeclaring(name) !== undefined;
  }

  /** The modelled library whose typings declare what this name refers to. */
  libraryDeclaring(name: ts.Identifier): LibraryModel | undefined {
    for (const ref of this.refsOf(name)) {
      const library = this.models.find((model) => declares(model, ref));
      if (library) {
        return library;
      }
    }
    return undefined;
  }

  /** Where the typings declare what this name refers to, cached per symbol. */
  refsOf(name: ts.Identifier): DeclarationRef[] {
    return this.refsOfSymbol(this.symbolAt(name) ?? this.memberOfAssignedValue(name));
  }

  /**
   * `connect` in `pool.connect()` when `pool` is a variable declared without a type or a value
   * and assigned later (`let pool; … pool = new Pool()`, common in JavaScript): the checker
   * gives it `any` where another function reads it, so the member is looked up on the type of
   * what every assignment gives it.
   */
  private readonly memberOfAssignedValue = cachedFn((name: ts.Identifier): ts.Symbol | undefined => {
    const access = name.parent;
    if (!ts.isPropertyAccessExpression(access) || access.name !== name) {
      return undefined;
    }
    const type = this.untypedValueType(access.expression);
    return type && this.checker.getPropertyOfType(type, name.text);
  });

  /** What an untyped variable holds, read directly or through a getter (`getPool()` returning it). */
  private untypedValueType(expression: ts.Expression, depth = 0): ts.Type | undefined {
    const value = skipOuterExpressions(expression);
    if (ts.isIdentifier(value)) {
      const variable = this.symbolAt(value);
      return variable && this.assignedType(variable);
    }
    const getter = depth === 0 && ts.isCallExpression(value) ? this.projectCallee(value) : undefined;
    const body = getter?.body;
    if (!body) {
      return undefined;
    }
    if (!ts.isBlock(body)) {
      return this.untypedValueType(body, depth + 1);
    }
    let type: ts.Type | undefined;
    let agrees = true;
    const visit = (node: ts.Node): void => {
      if (!agrees || (ts.isFunctionLike(node) && node !== getter)) {
        return;
      }
      if (ts.isReturnStatement(node)) {
        const returned = node.expression && this.untypedValueType(node.expression, depth + 1);
        agrees = !!returned && (type === undefined || type === returned);
        type = returned;
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    return agrees ? type : undefined;
  }

  private readonly assignedType = cachedFn((variable: ts.Symbol): ts.Type | undefined => {
    const declaration = variable.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.type || (declaration.initializer && !isNothing(declaration.initializer))) {
      return undefined;
    }
    let assigned: ts.Type | undefined;
    let agrees = true;
    const visit = (node: ts.Node): void => {
      if (!agrees) {
        return;
      }
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && !isNothing(node.right)) {
        const target = skipOuterExpressions(node.left);
        if (ts.isIdentifier(target) && target.text === variable.name && this.symbolAt(target) === variable) {
          const type = this.checker.getTypeAtLocation(node.right);
          agrees = !(type.flags & ts.TypeFlags.Any) && (assigned === undefined || assigned === type);
          assigned = type;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(declaration.getSourceFile());
    return agrees ? assigned : undefined;
  });

  private refsOfSymbol(symbol: ts.Symbol | undefined): DeclarationRef[] {
    if (!symbol) {
      return [];
    }
    let refs = this.refsCache.get(symbol);
    if (!refs) {
      refs = declarationRefs(symbol, this.checker);
      this.refsCache.set(symbol, refs);
    }
    return refs;
  }
}

export function matches(ref: DeclarationRef, library: LibraryModel, model: MemberRef): boolean {
  return ref.method === model.method && ref.owner === model.owner && (!model.static || ref.static === true) && ownsPackage(library, ref.package);
}

/**
 * Whether the library declares what `ref` names: anything in one of its packages, but in a
 * project file only the API the model gives it (a member of a class it names, a factory it
 * lists). The file of a project's owning class holds other code too: a `resolve` parameter or a
 * helper declared beside the class is the project's, not the library's.
 */
function declares(library: LibraryModel, ref: DeclarationRef): boolean {
  if (!ownsPackage(library, ref.package)) {
    return false;
  }
  return (
    !ref.package.startsWith(PROJECT_FILE) ||
    library.resources.some(
      (resource) =>
        (ref.owner !== null && resource.types?.includes(ref.owner) === true) ||
        resource.acquire.some((acquire) => acquire.owner === ref.owner && acquire.method === ref.method),
    )
  );
}

/** Whether declarations from this package (or project file) belong to the library. */
export function ownsPackage(library: LibraryModel, pkg: string): boolean {
  return library.packages.includes(pkg) || (pkg.startsWith(PROJECT_FILE) && !!library.files?.some((file) => pkg.endsWith(`/${file}`)));
}
