import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPOSITORY_URL } from '../../src/util/create-rule.js';
import { createUserProject, fixedOrders, leakyOrders, repoDir, type UserProject } from '../support/user-project.js';

/**
 * The plugin in the editor: the ESLint language server that VS Code runs (from
 * vscode-langservers-extracted), spoken to over stdio as an LSP client would, on a user's project
 * with the README's flat config and typed linting.
 */

interface Diagnostic {
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
  readonly message: string;
  readonly source?: string;
  readonly code?: string | number;
  readonly codeDescription?: { href: string };
}
interface CodeAction {
  readonly title: string;
  readonly command?: { command: string; arguments?: unknown[] };
}
interface TextEdit {
  readonly range: Diagnostic['range'];
  readonly newText: string;
}

/** The settings VS Code sends for `eslint.*` with flat config (its defaults, as the extension fills them in). */
function editorSettings(project: UserProject): object {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workspaceFolder: { name: 'user-service', uri: pathToFileURL(project.dir).href },
  };
}

let project: UserProject;
let server: ChildProcess;
let connection: MessageConnection;
const serverLog: string[] = [];
/** Edits the server asks the editor to apply (`workspace/applyEdit`), by document URI. */
const appliedEdits: Array<{ uri: string; edits: TextEdit[] }> = [];

beforeAll(async () => {
  project = createUserProject({ 'src/orders.ts': leakyOrders });
  server = spawn(process.execPath, [path.join(repoDir, 'node_modules/vscode-langservers-extracted/bin/vscode-eslint-language-server'), '--stdio'], {
    cwd: project.dir,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  server.stderr!.on('data', (chunk: Buffer) => serverLog.push(chunk.toString()));
  connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => editorSettings(project)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/applyEdit', (params: { edit: { documentChanges?: Array<{ textDocument: { uri: string }; edits: TextEdit[] }> } }) => {
    for (const change of params.edit.documentChanges ?? []) {
      appliedEdits.push({ uri: change.textDocument.uri, edits: change.edits });
    }
    return { applied: true };
  });
  // The server's own requests for UI (no library, no config, probe failed) would show a dialog.
  connection.onRequest((method: string) => {
    serverLog.push(`unexpected request ${method}`);
    return null;
  });
  connection.onNotification((method: string, params: unknown) => {
    if (method === 'window/logMessage' || method === 'window/showMessage') {
      serverLog.push(JSON.stringify(params));
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(project.dir).href,
    workspaceFolders: [{ uri: pathToFileURL(project.dir).href, name: 'user-service' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, applyEdit: true, workspaceEdit: { documentChanges: true } },
      textDocument: {
        diagnostic: { dynamicRegistration: false },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll.eslint'] } } },
      },
    },
  });
  await connection.sendNotification('initialized', {});
}, 60_000);

afterAll(async () => {
  await connection?.sendRequest('shutdown').catch(() => undefined);
  await connection?.sendNotification('exit').catch(() => undefined);
  connection?.dispose();
  server?.kill();
  project?.remove();
});

async function diagnosticsOf(uri: string): Promise<Diagnostic[]> {
  const report = await connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
  return report.items;
}

describe('the ESLint language server (VS Code) on a user project', () => {
  it('shows the leak, clears it when the file is fixed, and applies the suggestion', async () => {
    const uri = pathToFileURL(path.join(project.dir, 'src/orders.ts')).href;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: leakyOrders } });

    const diagnostics = await diagnosticsOf(uri);
    expect(diagnostics, serverLog.join('\n')).toHaveLength(1);
    const [leak] = diagnostics;
    expect(leak).toMatchObject({
      source: 'eslint',
      code: 'db-leaks/no-leaked-client',
      // `pool.connect()` on line 6 (0-based 5).
      range: { start: { line: 5, character: 23 }, end: { line: 5, character: 37 } },
      message: '`client` (the client from `pool.connect()`) is not released when the function returns at line 9. (1 more path leaks.)',
      codeDescription: { href: `${REPOSITORY_URL}/blob/main/docs/rules/no-leaked-client.md` },
    });

    // The user fixes the file: the diagnostic goes away.
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixedOrders }],
    });
    expect(await diagnosticsOf(uri)).toEqual([]);

    // Back to the leak, and through the light bulb: the rule's suggestion, applied by the server.
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: leakyOrders }],
    });
    const [again] = await diagnosticsOf(uri);
    const actions = await connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: again!.range,
      context: { diagnostics: [again], only: ['quickfix'] },
    });
    const suggestion = actions.find((action) => action.command?.command === 'eslint.applySuggestion');
    expect(suggestion?.title).toBe('Release it in a `finally` block. (db-leaks/no-leaked-client)');
    await connection.sendRequest('workspace/executeCommand', suggestion!.command);
    const document = TextDocument.create(uri, 'typescript', 3, leakyOrders);
    const edits = appliedEdits.filter((applied) => applied.uri === uri).flatMap((applied) => applied.edits);
    expect(TextDocument.applyEdits(document, edits)).toBe(SUGGESTED_FIX);
  });
});

const SUGGESTED_FIX = `import pg from 'pg';

const pool = new pg.Pool();
pool.on('error', (error) => console.error('idle client failed', error));
export async function cancelOrder(id: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    const { rowCount } = await client.query('update orders set status = $2 where id = $1', [id, 'cancelled']);
    if (!rowCount) {
      return false;
    }
    return true;
  } finally {
    client.release();
  }
}
`;
