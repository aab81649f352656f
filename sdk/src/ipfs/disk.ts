import { createReadStream } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";

import { IpfsError, UnsupportedContentError } from "./errors.js";
import type { AddProgress } from "./types.js";

/**
 * A regular file found under the added path. `path` is relative to the added root ('' for a lone file).
 *
 * @example
 * import type { DiskFile } from "./disk.js";
 * const file: DiskFile = { path: "config.json", absolutePath: "/models/tiny/config.json", size: 35 };
 */
export interface DiskFile {
  path: string;
  absolutePath: string;
  size: number;
}

/**
 * A directory or a file under the added root.
 *
 * @example
 * import type { DiskEntry } from "./disk.js";
 * const entry: DiskEntry = { kind: "directory", path: "weights" };
 */
export type DiskEntry = { kind: "directory"; path: string } | ({ kind: "file" } & DiskFile);

/**
 * What an add will read: a single file, or a directory and everything under it. `entries` is in
 * depth-first order (a directory, then its children, names sorted by UTF-8 bytes), the order a Kubo
 * daemon needs the parts of a multipart upload in; `files` lists the files only (the root itself for a
 * single file).
 *
 * @example
 * import { scanPath } from "./disk.js";
 * const tree = await scanPath("./models/tiny");
 * console.log(tree.kind, tree.files.length, tree.totalBytes);
 */
export interface DiskTree {
  kind: "file" | "directory";
  absolutePath: string;
  /** The name the daemon is told the root has ('root' when the path has none, like `/`). */
  rootName: string;
  entries: DiskEntry[];
  files: DiskFile[];
  totalBytes: number;
}

/** Reads of this size are exactly four chunks, so the chunker never has to copy. */
const READ_SIZE = 1024 * 1024;

const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

async function statFollowing(path: string, shown: string) {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new IpfsError(`${shown} does not exist (or is a broken symbolic link).`, { cause: error });
    if (code === "ELOOP") throw new IpfsError(`${shown} is a symbolic link loop.`, { cause: error });
    throw new IpfsError(`Cannot read ${shown}.`, { cause: error });
  }
}

/**
 * Lists what adding `path` reads. Hidden files are included; symbolic links are followed (a link to a
 * directory cycle is an error); special files are errors. Nothing is skipped.
 *
 * @example
 * import { scanPath } from "./disk.js";
 * const { entries } = await scanPath("./models/tiny");
 * for (const entry of entries) console.log(entry.kind, entry.path);
 */
export async function scanPath(path: string): Promise<DiskTree> {
  const absolutePath = resolve(path);
  const rootStat = await statFollowing(absolutePath, absolutePath);
  const rootName = basename(absolutePath) || "root";
  if (rootStat.isFile()) {
    return {
      kind: "file",
      absolutePath,
      rootName,
      entries: [],
      files: [{ path: "", absolutePath, size: rootStat.size }],
      totalBytes: rootStat.size,
    };
  }
  if (!rootStat.isDirectory()) throw new UnsupportedContentError(`${absolutePath} is neither a file nor a directory.`);

  const tree: DiskTree = { kind: "directory", absolutePath, rootName, entries: [], files: [], totalBytes: 0 };
  const walk = async (directory: string, relative: string, ancestors: Set<string>) => {
    let names: string[];
    try {
      names = await readdir(directory);
    } catch (error) {
      throw new IpfsError(`Cannot list ${directory}.`, { cause: error });
    }
    names.sort(byUtf8);
    for (const name of names) {
      const absolute = join(directory, name);
      const child = relative === "" ? name : `${relative}/${name}`;
      const info = await statFollowing(absolute, absolute);
      if (info.isFile()) {
        const file = { path: child, absolutePath: absolute, size: info.size };
        tree.entries.push({ kind: "file", ...file });
        tree.files.push(file);
        tree.totalBytes += info.size;
      } else if (info.isDirectory()) {
        const real = await realpath(absolute);
        if (ancestors.has(real)) {
          throw new IpfsError(`${absolute} links back to ${real}, one of its own parents: the tree would be infinite.`);
        }
        tree.entries.push({ kind: "directory", path: child });
        await walk(absolute, child, new Set(ancestors).add(real));
      } else {
        throw new UnsupportedContentError(
          `${absolute} is a special file (socket, FIFO or device): only files and directories can be added.`,
        );
      }
    }
  };
  await walk(absolutePath, "", new Set([await realpath(absolutePath)]));
  return tree;
}

/**
 * Counts bytes read across a whole add and reports them.
 *
 * @example
 * import { ProgressCounter } from "./disk.js";
 * const progress = new ProgressCounter(1024, ({ bytes, total }) => console.log(`${bytes}/${total}`));
 * progress.start();
 * progress.add(512, "weights.bin");
 */
export class ProgressCounter {
  private bytes = 0;

  constructor(
    private readonly total: number,
    private readonly onProgress?: (progress: AddProgress) => void,
  ) {}

  start(): void {
    this.onProgress?.({ bytes: 0, total: this.total });
  }

  add(count: number, path: string): void {
    this.bytes += count;
    this.onProgress?.({ bytes: this.bytes, total: this.total, path });
  }
}

/**
 * Streams a file from disk, counting its bytes, and fails if the file does not have the size it had
 * when scanned (it changed during the add).
 *
 * @example
 * import { ProgressCounter, readFileChunks, scanPath } from "./disk.js";
 * const tree = await scanPath("./weights.bin");
 * for await (const chunk of readFileChunks(tree.files[0], new ProgressCounter(tree.totalBytes))) console.log(chunk.length);
 */
export async function* readFileChunks(file: DiskFile, progress: ProgressCounter): AsyncGenerator<Uint8Array> {
  let read = 0;
  if (file.size < READ_SIZE) {
    // Small files (configs, manifests) in one read, without a stream's 1 MiB buffer each.
    let bytes: Buffer;
    try {
      bytes = await readFile(file.absolutePath);
    } catch (error) {
      throw new IpfsError(`Cannot read ${file.absolutePath}.`, { cause: error });
    }
    if (bytes.length !== file.size) {
      throw new IpfsError(
        `${file.absolutePath} changed while it was being added (${file.size} bytes when listed, ${bytes.length} read).`,
      );
    }
    progress.add(bytes.length, file.path);
    if (bytes.length > 0) yield bytes;
    return;
  }
  const stream = createReadStream(file.absolutePath, { highWaterMark: READ_SIZE });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      progress.add(chunk.length, file.path);
      yield chunk;
    }
  } catch (error) {
    throw new IpfsError(`Cannot read ${file.absolutePath}.`, { cause: error });
  } finally {
    stream.destroy();
  }
  if (read !== file.size) {
    throw new IpfsError(
      `${file.absolutePath} changed while it was being added (${file.size} bytes when listed, ${read} read).`,
    );
  }
}

/** One part of an add: a directory (no content) or a file and its streamed content. */
export type TreePart = { path: string; content?: undefined } | { path: string; content: AsyncGenerator<Uint8Array> };

/**
 * The parts of an add of `tree`, depth-first, each path under `root`: the root first, then every directory and
 * file, a file's bytes streamed (and counted) as the consumer reads them.
 *
 * @example
 * import { ProgressCounter, scanPath, treeParts } from "./disk.js";
 * const tree = await scanPath("./models/tiny");
 * for await (const part of treeParts(tree, "root", new ProgressCounter(tree.totalBytes))) console.log(part.path);
 */
export async function* treeParts(tree: DiskTree, root: string, progress: ProgressCounter): AsyncGenerator<TreePart> {
  if (tree.kind === "file") {
    yield { path: root, content: readFileChunks(tree.files[0], progress) };
    return;
  }
  yield { path: root };
  for (const entry of tree.entries) {
    yield entry.kind === "directory"
      ? { path: `${root}/${entry.path}` }
      : { path: `${root}/${entry.path}`, content: readFileChunks(entry, progress) };
  }
}
