import { chmod, mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

import type { SdkError } from "./errors.js";

// A small JSON file of secrets kept on disk between two transactions: the secret of a registration commitment
// until its reveal, the salt of a weight commit until its reveal. Without the secret the second transaction
// cannot be made, so the file is written atomically (a reader never sees half a file), readable by its owner
// only, and changed under a lock file, so that two processes sharing it never overwrite each other's entries.
// Internal to the SDK: the registry and the subnets each keep one kind of entry in a file of their own.

/** How a store names itself in errors, where it keeps its list, and the error it throws. */
export interface SecretStoreOptions {
  /** The file's kind in sentences: "commitments file", "weight commits file". */
  kind: string;
  /** The key of the list in the file's JSON (`{ "version": 1, "<list>": [...] }`). */
  list: string;
  /** What a failed write loses, in a sentence: "the secret would be lost". */
  lost: string;
  /** The module's error for a file that cannot be read, written or locked. */
  error: new (
    message: string,
    options?: { cause?: unknown; details?: string },
  ) => SdkError;
}

/** A file of entries: read them all, or change them under the lock. */
export interface SecretStore<T> {
  /** The entries in `file`, oldest first (none when the file does not exist). */
  read(file: string): Promise<T[]>;
  /**
   * Changes the entries under the lock: `change` returns the new list, or undefined to leave the file as it is;
   * the file is written only in the first case.
   */
  update(file: string, change: (entries: T[]) => T[] | undefined): Promise<void>;
}

/** How long a writer waits for another to finish with the file, and when a lock is taken as left by a crash. */
const LOCK_WAIT_MS = 10_000;
const LOCK_STALE_MS = 60_000;

/** A store of entries of type `T` in version-1 JSON files. */
export function secretStore<T>(options: SecretStoreOptions): SecretStore<T> {
  const { kind, list, lost, error: StoreError } = options;

  async function load(file: string): Promise<T[]> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (cause) {
      if ((cause as { code?: string }).code === "ENOENT") return [];
      throw new StoreError(`The ${kind} ${file} cannot be read.`, { cause });
    }
    let content: Record<string, unknown> | null;
    try {
      content = JSON.parse(text) as Record<string, unknown> | null;
    } catch (cause) {
      throw new StoreError(`${file} is not a ${kind}: it is not JSON.`, { cause });
    }
    if (content?.version !== 1 || !Array.isArray(content[list])) {
      throw new StoreError(`${file} is not a ${kind} (version 1 with a list of ${list}).`);
    }
    return content[list] as T[];
  }

  async function store(file: string, entries: T[]): Promise<void> {
    try {
      await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ version: 1, [list]: entries }, null, 2)}\n`, { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, file);
    } catch (cause) {
      throw new StoreError(`The ${kind} ${file} cannot be written: ${lost}, so nothing was sent.`, { cause });
    }
  }

  async function locked<R>(file: string, action: () => Promise<R>): Promise<R> {
    const lock = `${file}.lock`;
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await (await open(lock, "wx")).close();
        break;
      } catch (cause) {
        if ((cause as { code?: string }).code !== "EEXIST")
          throw new StoreError(`The ${kind} ${file} cannot be locked.`, { cause });
        const held = await stat(lock).catch(() => undefined);
        if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) {
          await rm(lock, { force: true });
          continue;
        }
        if (Date.now() > deadline) {
          throw new StoreError(`The ${kind} ${file} is locked by another process (${lock}).`, {
            details: `Wait for it to finish; remove the lock file only if no other process uses the ${kind}.`,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    try {
      return await action();
    } finally {
      await rm(lock, { force: true });
    }
  }

  return {
    read: load,
    update: (file, change) =>
      locked(file, async () => {
        const changed = change(await load(file));
        if (changed !== undefined) await store(file, changed);
      }),
  };
}
