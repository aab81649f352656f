import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

import { expect } from "chai";
import { base32upper } from "multiformats/bases/base32";

import type { CID } from "multiformats/cid";

import {
  BlockVerificationError,
  ContentNotFoundError,
  createEmbeddedIpfs,
  DestinationExistsError,
  IpfsError,
  UnsupportedContentError,
} from "../../sdk/src/ipfs/index.js";
import type { IpfsBackend } from "../../sdk/src/ipfs/index.js";
import {
  CHUNK,
  cleanup,
  FIXTURES,
  HELLO,
  HELLO_CID_V1,
  modelTree,
  readTree,
  temporaryDirectory,
  writeTree,
} from "./helpers.js";

/** The file blockstore-fs keeps a block in. */
function blockFile(store: string, cid: CID): string {
  const name = base32upper.encoder.encode(cid.multihash.bytes);
  return join(store, "blocks", name.slice(-2), `${name}.data`);
}

/** Nothing but the expected entry in a directory: no `.partial-*` left over. */
async function siblings(path: string): Promise<string[]> {
  return existsSync(dirname(path)) ? readdir(dirname(path)) : [];
}

describe("ipfs: embedded backend", function () {
  this.timeout(120_000);
  let work: string;
  let store: string;
  let ipfs: IpfsBackend;

  beforeEach(async () => {
    work = await temporaryDirectory();
    store = join(work, "store");
    await writeTree(join(work, "model"), modelTree());
    ipfs = await createEmbeddedIpfs({ directory: store });
  });

  afterEach(async () => {
    await ipfs.close();
    await cleanup(work);
  });

  it("keeps blocks and pins under its directory, defaulting to .ipfs in the working directory", async () => {
    expect(ipfs.kind).to.equal("embedded");
    expect(existsSync(join(store, "blocks"))).to.equal(true);
    expect(existsSync(join(store, "pins"))).to.equal(true);
    const previous = process.cwd();
    process.chdir(work);
    try {
      const byDefault = await createEmbeddedIpfs();
      await byDefault.close();
      expect(existsSync(join(work, ".ipfs", "blocks"))).to.equal(true);
    } finally {
      process.chdir(previous);
    }
  });

  it("round-trips a directory: add, pull elsewhere, same bytes, same (empty) folders", async () => {
    const added = await ipfs.add(join(work, "model"));
    const destination = join(work, "out", "model-copy");
    const progress: { bytes: number; total: number }[] = [];
    const pulled = await ipfs.pull(added.cid, destination, { onProgress: (event) => progress.push(event) });

    expect(pulled.cid.equals(added.cid)).to.equal(true);
    expect(pulled.path).to.equal(destination);
    expect(pulled.bytes).to.equal(added.size);
    expect(pulled.files).to.equal(added.entries.length - 5); // root, tokenizer, weights, weights/extra, empty-folder
    expect(await readTree(destination)).to.deep.equal(await readTree(join(work, "model")));
    expect(progress.at(-1)).to.deep.equal({ bytes: added.size, total: added.size });
    expect(await siblings(destination)).to.deep.equal(["model-copy"]);
  });

  it("round-trips a single file, multi-level DAG, to a file at the destination", async () => {
    const bytes = FIXTURES.wide();
    await writeFile(join(work, "wide.bin"), bytes);
    for (const cidVersion of [1, 0] as const) {
      const added = await ipfs.add(join(work, "wide.bin"), { cidVersion });
      const destination = join(work, `wide-${cidVersion}.bin`);
      const pulled = await ipfs.pull(added.cid.toString(), destination);
      expect(pulled.files).to.equal(1);
      expect(pulled.bytes).to.equal(bytes.length);
      expect(Buffer.compare(await readFile(destination), bytes)).to.equal(0);
    }
  });

  it("pins what it adds unless told not to, and pins on request once the DAG is complete", async () => {
    const added = await ipfs.add(join(work, "model"));
    expect(await ipfs.isPinned(added.cid)).to.equal(true);
    expect(await ipfs.isPinned(added.cid.toString())).to.equal(true);
    // A child of a pinned root is not itself a pin.
    expect(await ipfs.isPinned(added.entries.find((entry) => entry.path === "config.json")!.cid)).to.equal(false);

    const unpinned = await ipfs.addBytes(HELLO, { pin: false });
    expect(unpinned.cid.toString()).to.equal(HELLO_CID_V1);
    expect(await ipfs.isPinned(unpinned.cid)).to.equal(false);
    await ipfs.pin(unpinned.cid);
    expect(await ipfs.isPinned(HELLO_CID_V1)).to.equal(true);

    // v0 and v1 forms of the same DAG are one pin.
    const legacy = await ipfs.add(join(work, "model"), { cidVersion: 0, pin: false });
    expect(await ipfs.isPinned(legacy.cid)).to.equal(false);
    await ipfs.pin(legacy.cid);
    expect(await ipfs.isPinned(legacy.cid.toV1())).to.equal(true);

    // Pins survive a restart.
    await ipfs.close();
    ipfs = await createEmbeddedIpfs({ directory: store });
    expect(await ipfs.isPinned(added.cid)).to.equal(true);
  });

  it("refuses to pin content whose blocks are missing", async () => {
    const added = await ipfs.add(join(work, "model"), { pin: false });
    const shard = added.entries.find((entry) => entry.path === "weights/shard-00002.bin")!;
    await cleanup(blockFile(store, shard.cid));
    const error = await ipfs.pin(added.cid).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ContentNotFoundError);
    expect((error as ContentNotFoundError).cid).to.equal(shard.cid.toString());
    expect(await ipfs.isPinned(added.cid)).to.equal(false);
  });

  it("reads small files with cat, verified, and refuses directories and large files", async () => {
    const added = await ipfs.add(join(work, "model"));
    const config = added.entries.find((entry) => entry.path === "config.json")!;
    expect(new TextDecoder().decode(await ipfs.cat(config.cid))).to.equal(modelTree()["config.json"]);
    const shard = added.entries.find((entry) => entry.path === "weights/shard-00001.bin")!;
    expect((await ipfs.cat(shard.cid)).length).to.equal(CHUNK * 2 + 17);
    expect(await ipfs.cat(shard.cid, { maxBytes: 100 }).catch((caught: unknown) => caught)).to.be.instanceOf(
      UnsupportedContentError,
    );
    expect(await ipfs.cat(added.cid).catch((caught: unknown) => caught)).to.be.instanceOf(UnsupportedContentError);
  });

  it("detects a tampered block: BlockVerificationError naming it, and no destination left behind", async () => {
    const added = await ipfs.add(join(work, "model"));
    const shard = added.entries.find((entry) => entry.path === "weights/shard-00001.bin")!;
    // shard-00001 is a dag-pb node over raw leaves: damage its second leaf.
    const leaf = (await import("@ipld/dag-pb")).decode(await readFile(blockFile(store, shard.cid))).Links[1].Hash;
    const file = blockFile(store, leaf);
    const bytes = await readFile(file);
    bytes[1000] ^= 0xff;
    await writeFile(file, bytes);

    const destination = join(work, "out", "tampered");
    const error = await ipfs.pull(added.cid, destination).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(BlockVerificationError);
    expect((error as BlockVerificationError).cid).to.equal(leaf.toString());
    expect((error as BlockVerificationError).shortMessage).to.contain(leaf.toString());
    expect(existsSync(destination)).to.equal(false);
    expect(await siblings(destination)).to.deep.equal([]);

    expect(await ipfs.cat(shard.cid).catch((caught: unknown) => caught)).to.be.instanceOf(BlockVerificationError);
  });

  it("detects a tampered root block before writing anything", async () => {
    const added = await ipfs.addBytes(HELLO);
    await writeFile(blockFile(store, added.cid), "hellO\n");
    const destination = join(work, "hello.txt");
    const error = await ipfs.pull(added.cid, destination).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(BlockVerificationError);
    expect(existsSync(destination)).to.equal(false);
  });

  it("throws ContentNotFoundError at once for content it does not have (it is offline)", async () => {
    const absent = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    const destination = join(work, "absent");
    const error = await ipfs.pull(absent, destination).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ContentNotFoundError);
    expect((error as ContentNotFoundError).cid).to.equal(absent);
    expect(existsSync(destination)).to.equal(false);
    expect(await ipfs.cat(absent).catch((caught: unknown) => caught)).to.be.instanceOf(ContentNotFoundError);
    expect(await ipfs.pin(absent).catch((caught: unknown) => caught)).to.be.instanceOf(ContentNotFoundError);
  });

  it("removes the partial output when a block is missing halfway through a directory", async () => {
    const added = await ipfs.add(join(work, "model"));
    const notes = added.entries.find((entry) => entry.path === "weights/extra/notes.md")!;
    await cleanup(blockFile(store, notes.cid));
    const destination = join(work, "out", "partial");
    const error = await ipfs.pull(added.cid, destination).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ContentNotFoundError);
    expect(await siblings(destination)).to.deep.equal([]);
  });

  it("refuses to pull over an existing file or directory", async () => {
    const added = await ipfs.addBytes(HELLO);
    const taken = join(work, "model");
    const error = await ipfs.pull(added.cid, taken).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(DestinationExistsError);
    expect((error as DestinationExistsError).path).to.equal(taken);
    expect(await readTree(taken)).to.deep.equal(await readTree(join(work, "model")));
  });

  it("reports a clear error for invalid CIDs and after close", async () => {
    expect(await ipfs.pull("not-a-cid", join(work, "x1")).catch((caught: unknown) => caught)).to.be.instanceOf(
      IpfsError,
    );
    await ipfs.close();
    expect(await ipfs.addBytes(HELLO).catch((caught: unknown) => caught)).to.be.instanceOf(IpfsError);
  });
});

describe("ipfs: embedded backend, large directories", function () {
  this.timeout(300_000);

  it("round-trips a directory big enough to be HAMT-sharded", async () => {
    const work = await temporaryDirectory();
    const ipfs = await createEmbeddedIpfs({ directory: join(work, "store") });
    try {
      // Links are estimated at name + CID bytes; past 256 KiB the directory is sharded, as by Kubo.
      // 1200 names of 216 bytes (+ 36 bytes of CID each) are past it.
      const tree: Record<string, string> = {};
      for (let i = 0; i < 1200; i++) tree[`tensor-${String(i).padStart(5, "0")}-${"x".repeat(200)}.bin`] = `${i}\n`;
      await writeTree(join(work, "wide-dir"), tree);
      const added = await ipfs.add(join(work, "wide-dir"));
      const { decode } = await import("@ipld/dag-pb");
      const { UnixFS } = await import("ipfs-unixfs");
      const root = decode(await readFile(blockFile(join(work, "store"), added.cid)));
      expect(UnixFS.unmarshal(root.Data!).type).to.equal("hamt-sharded-directory");
      expect(added.entries).to.have.length(1201);

      const destination = join(work, "copy");
      const pulled = await ipfs.pull(added.cid, destination);
      expect(pulled.files).to.equal(1200);
      expect(await readTree(destination)).to.deep.equal(await readTree(join(work, "wide-dir")));
    } finally {
      await ipfs.close();
      await cleanup(work);
    }
  });
});
