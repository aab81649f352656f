import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const KIB = 1024;
export const MIB = 1024 * KIB;
export const CHUNK = 256 * KIB;

/** The 6 bytes "hello\n" and their CIDs as `ipfs add --cid-version=1` and a plain `ipfs add` give them. */
export const HELLO = new TextEncoder().encode("hello\n");
export const HELLO_CID_V1 = "bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am";
export const HELLO_CID_V0 = "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN";

/** Files made of deterministic bytes, exercising the chunking and the layout. */
export const FIXTURES = {
  /** 1 MiB + 1 byte: four full chunks and one of a single byte. */
  multiChunk: () => deterministicBytes(MIB + 1, 7),
  /** 176 chunks: more than the 174 children one node may have, so the DAG has two levels. */
  wide: () => deterministicBytes(175 * CHUNK + 12345, 9),
};

/**
 * CIDs of the fixtures (and of `modelTree()`), as an IPFS RPC daemon's own `add` computes them with
 * `--cid-version=1` and with a plain add; kubo.test.ts re-checks them whenever the daemon is installed.
 */
export const GOLDEN = {
  multiChunk: {
    v1: "bafybeib35xb2dewyeeluzqquocsqdkcu2td6z72kkygbljv424iiy4vpyu",
    v0: "QmWMdAqyqL46tjHFji6RYKuD2RzSZ18673zwrAe3FbBwRF",
  },
  wide: {
    v1: "bafybeigb5ou5hqze2r66kzd2bqewmwxyefwgb6nqjhaf6yututtwpuiccq",
    v0: "Qmb4rJ4utN44DMmiTD5Q94T4wUrZKGVK27Uco9Xypr7SkY",
  },
  empty: {
    v1: "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
    v0: "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH",
  },
  model: {
    v1: "bafybeigc762ro74ti3a4uqqtt44itu4ajdzfpt5pbvszjrpkptarmr454e",
    v0: "Qmbxet9fNwzFpkrJZk1wrLK8qtno3bSWtCawJweMm3jeqJ",
  },
};

/** Deterministic pseudo-random bytes (xorshift32 from `seed`), the same on every platform. */
export function deterministicBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A fresh temporary directory, removed by `cleanup`. */
export async function temporaryDirectory(prefix = "ipfs-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function cleanup(...paths: string[]): Promise<void> {
  for (const path of paths) await rm(path, { recursive: true, force: true });
}

/** Writes files (`path -> content`) and empty directories (`path -> null`) under `root`. */
export async function writeTree(root: string, tree: Record<string, Uint8Array | string | null>): Promise<void> {
  await mkdir(root, { recursive: true });
  for (const [path, content] of Object.entries(tree)) {
    const target = join(root, path);
    if (content === null) {
      await mkdir(target, { recursive: true });
    } else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }
}

/** Every file and directory under `root`: `path -> content` for files, `path -> null` for directories. */
export async function readTree(root: string, prefix = ""): Promise<Map<string, Buffer | null>> {
  const result = new Map<string, Buffer | null>();
  for (const name of (await readdir(root)).sort()) {
    const path = prefix === "" ? name : `${prefix}/${name}`;
    const absolute = join(root, name);
    if ((await stat(absolute)).isDirectory()) {
      result.set(path, null);
      for (const [child, content] of await readTree(absolute, path)) result.set(child, content);
    } else {
      result.set(path, await readFile(absolute));
    }
  }
  return result;
}

/** A model-like directory: shards, a manifest, configs, a hidden file, nested and empty folders. */
export function modelTree(): Record<string, Uint8Array | string | null> {
  return {
    "config.json": '{"architecture":"tiny","layers":2}\n',
    "manifest.json": '{"shards":["weights/shard-00001.bin","weights/shard-00002.bin"]}\n',
    ".gitattributes": "*.bin filter=lfs\n",
    "weights/shard-00001.bin": deterministicBytes(CHUNK * 2 + 17, 11),
    "weights/shard-00002.bin": deterministicBytes(CHUNK - 3, 12),
    "weights/extra/notes.md": "# Notes\n",
    "tokenizer/vocab.txt": "a\nb\nc\n",
    "tokenizer/empty.txt": "",
    "empty-folder": null,
    "ünïcode name.txt": "names are UTF-8\n",
  };
}

/**
 * Writes under `root` every input whose CIDs are known: `hello.txt` ({@link HELLO}), `empty.bin`,
 * `multi-chunk.bin` and `wide.bin` ({@link FIXTURES}) and the `model` directory ({@link modelTree}).
 */
export async function writeGoldenInputs(root: string): Promise<void> {
  await writeFile(join(root, "hello.txt"), HELLO);
  await writeFile(join(root, "multi-chunk.bin"), FIXTURES.multiChunk());
  await writeFile(join(root, "wide.bin"), FIXTURES.wide());
  await writeFile(join(root, "empty.bin"), new Uint8Array(0));
  await writeTree(join(root, "model"), modelTree());
}
