import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";

import * as dagPb from "@ipld/dag-pb";
import { expect } from "chai";
import { FsBlockstore } from "blockstore-fs";
import { UnixFS } from "ipfs-unixfs";
import * as raw from "multiformats/codecs/raw";

import type { CID } from "multiformats/cid";

import { createEmbeddedIpfs, hashPath, IMPORT_PARAMETERS, IpfsError } from "../../sdk/src/ipfs/index.js";
import type { AddProgress, AddResult, IpfsBackend } from "../../sdk/src/ipfs/index.js";
import {
  CHUNK,
  cleanup,
  GOLDEN,
  HELLO,
  HELLO_CID_V0,
  HELLO_CID_V1,
  MIB,
  temporaryDirectory,
  writeGoldenInputs,
  writeTree,
} from "./helpers.js";

async function rootNode(blocks: FsBlockstore, cid: CID) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of blocks.get(cid)) chunks.push(chunk);
  const node = dagPb.decode(Buffer.concat(chunks));
  return { node, unixfs: UnixFS.unmarshal(node.Data!) };
}

describe("ipfs: CIDs equal Kubo's", function () {
  this.timeout(120_000);
  let work: string;
  let ipfs: IpfsBackend;

  before(async () => {
    work = await temporaryDirectory();
    await writeGoldenInputs(work);
    ipfs = await createEmbeddedIpfs({ directory: join(work, "store") });
  });

  after(async () => {
    await ipfs?.close();
    await cleanup(work);
  });

  /** Adds and hashes `path` with each CID version, expecting `golden`'s CIDs; gives back the CIDv1 add. */
  async function addGolden(path: string, golden: { v1: string; v0: string }): Promise<AddResult> {
    const added = await ipfs.add(path);
    expect(added.cid.toString()).to.equal(golden.v1);
    expect((await hashPath(path)).cid.toString()).to.equal(golden.v1);
    expect((await hashPath(path, { cidVersion: 0 })).cid.toString()).to.equal(golden.v0);
    expect((await ipfs.add(path, { cidVersion: 0 })).cid.toString()).to.equal(golden.v0);
    return added;
  }

  it("fixes the import parameters of `ipfs add --cid-version=1`", () => {
    expect(IMPORT_PARAMETERS).to.deep.include({
      chunkSize: 262_144,
      maxChildrenPerNode: 174,
      hashAlgorithm: "sha2-256",
    });
  });

  it('gives "hello\\n" its well-known CIDs through hashPath, add and addBytes (v1 and v0)', async () => {
    const file = join(work, "hello.txt");
    expect((await hashPath(file)).cid.toString()).to.equal(HELLO_CID_V1);
    expect((await hashPath(file, { cidVersion: 1 })).cid.toString()).to.equal(HELLO_CID_V1);
    expect((await hashPath(file, { cidVersion: 0 })).cid.toString()).to.equal(HELLO_CID_V0);
    expect((await ipfs.add(file)).cid.toString()).to.equal(HELLO_CID_V1);
    expect((await ipfs.add(file, { cidVersion: 0 })).cid.toString()).to.equal(HELLO_CID_V0);
    expect((await ipfs.addBytes(HELLO)).cid.toString()).to.equal(HELLO_CID_V1);
    expect((await ipfs.addBytes(HELLO, { cidVersion: 0 })).cid.toString()).to.equal(HELLO_CID_V0);
    const result = await ipfs.addBytes(HELLO);
    expect(result.size).to.equal(6);
    expect(result.entries).to.have.length(1);
    expect(result.entries[0].path).to.equal("");
  });

  it("stores a single-chunk file as the raw leaf itself (v1)", async () => {
    const cid = (await hashPath(join(work, "hello.txt"))).cid;
    expect(cid.code).to.equal(raw.code);
    expect(cid.multihash.code).to.equal(0x12);
  });

  it("hashes the empty file as Kubo does", async () => {
    expect((await hashPath(join(work, "empty.bin"))).cid.toString()).to.equal(GOLDEN.empty.v1);
    expect((await hashPath(join(work, "empty.bin"), { cidVersion: 0 })).cid.toString()).to.equal(GOLDEN.empty.v0);
  });

  it("chunks a multi-chunk file in 256 KiB raw leaves under one node", async () => {
    const file = join(work, "multi-chunk.bin");
    const added = await addGolden(file, GOLDEN.multiChunk);
    expect(added.size).to.equal(MIB + 1);

    const blocks = new FsBlockstore(join(work, "store", "blocks"));
    const { node, unixfs } = await rootNode(blocks, added.cid);
    expect(node.Links.map((link) => link.Hash.code)).to.deep.equal([raw.code, raw.code, raw.code, raw.code, raw.code]);
    expect(unixfs.blockSizes).to.deep.equal([262144n, 262144n, 262144n, 262144n, 1n]);
  });

  it("builds a balanced DAG of at most 174 children for a file of more than 174 chunks", async () => {
    const file = join(work, "wide.bin");
    const added = await ipfs.add(file);
    expect(added.cid.toString()).to.equal(GOLDEN.wide.v1);
    expect((await hashPath(file, { cidVersion: 0 })).cid.toString()).to.equal(GOLDEN.wide.v0);

    const blocks = new FsBlockstore(join(work, "store", "blocks"));
    const root = await rootNode(blocks, added.cid);
    expect(root.node.Links).to.have.length(2);
    const first = await rootNode(blocks, root.node.Links[0].Hash);
    const second = await rootNode(blocks, root.node.Links[1].Hash);
    expect(first.node.Links).to.have.length(174);
    expect(second.node.Links).to.have.length(2);
    expect(first.node.Links.every((link) => link.Hash.code === raw.code)).to.equal(true);
    expect(first.unixfs.fileSize()).to.equal(174n * 262144n);
    expect(second.unixfs.blockSizes).to.deep.equal([262144n, 12345n]);
    expect(root.unixfs.fileSize()).to.equal(BigInt(175 * CHUNK + 12345));
  });

  it("adds a directory with nested and empty folders and hidden files, unwrapped, entries sorted", async () => {
    const directory = join(work, "model");
    const added = await addGolden(directory, GOLDEN.model);

    const paths = added.entries.map((entry) => entry.path);
    expect(paths).to.deep.equal([
      "",
      ".gitattributes",
      "config.json",
      "empty-folder",
      "manifest.json",
      "tokenizer",
      "tokenizer/empty.txt",
      "tokenizer/vocab.txt",
      "weights",
      "weights/extra",
      "weights/extra/notes.md",
      "weights/shard-00001.bin",
      "weights/shard-00002.bin",
      "ünïcode name.txt",
    ]);
    const byPath = new Map(added.entries.map((entry) => [entry.path, entry]));
    expect(byPath.get("")!.cid.equals(added.cid)).to.equal(true);
    expect(byPath.get("weights/shard-00002.bin")!.size).to.equal(CHUNK - 3);
    expect(byPath.get("weights")!.size).to.equal(CHUNK * 2 + 17 + CHUNK - 3 + "# Notes\n".length);
    expect(byPath.get("empty-folder")!.cid.toString()).to.equal(
      "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354",
    );
    const total = added.entries
      .filter((entry) => !entry.path.includes("/") && entry.path !== "")
      .reduce((sum, entry) => sum + entry.size, 0);
    expect(added.size).to.equal(total);

    // The directory node links its children by name, in byte order (as dag-pb requires).
    const blocks = new FsBlockstore(join(work, "store", "blocks"));
    const { node, unixfs } = await rootNode(blocks, added.cid);
    expect(unixfs.type).to.equal("directory");
    expect(node.Links.map((link) => link.Name)).to.deep.equal(
      paths.filter((path) => path !== "" && !path.includes("/")),
    );
  });

  it("reports progress over the whole add, ending at the total", async () => {
    const events: AddProgress[] = [];
    const result = await hashPath(join(work, "model"), { onProgress: (progress) => events.push(progress) });
    const total = result.size;
    expect(events.length).to.be.greaterThan(2);
    expect(events.every((event) => event.total === total)).to.equal(true);
    expect(events[0].bytes).to.equal(0);
    expect(events.at(-1)!.bytes).to.equal(total);
    for (let i = 1; i < events.length; i++) expect(events[i].bytes).to.be.at.least(events[i - 1].bytes);
    expect(events.some((event) => event.path === "weights/shard-00001.bin")).to.equal(true);
  });

  it("follows symbolic links and fails on broken ones instead of skipping them", async () => {
    const plain = join(work, "plain");
    const linked = join(work, "linked");
    await writeTree(plain, { "weights.bin": "weights\n", "sub/config.json": "{}\n" });
    await writeTree(linked, { "sub/config.json": "{}\n" });
    await symlink(join(plain, "weights.bin"), join(linked, "weights.bin"));
    expect((await hashPath(linked)).cid.equals((await hashPath(plain)).cid)).to.equal(true);

    const broken = join(work, "broken");
    await mkdir(broken);
    await symlink(join(work, "does-not-exist"), join(broken, "dangling"));
    const error = await hashPath(broken).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(IpfsError);
    expect((error as IpfsError).shortMessage).to.contain("dangling");

    const loop = join(work, "loop");
    await mkdir(join(loop, "inner"), { recursive: true });
    await symlink(loop, join(loop, "inner", "back"));
    const loopError = await hashPath(loop).catch((caught: unknown) => caught);
    expect(loopError).to.be.instanceOf(IpfsError);
    expect((loopError as IpfsError).shortMessage).to.contain("parents");
  });

  it("fails clearly on a path that does not exist and on a bad cidVersion", async () => {
    const missing = await hashPath(join(work, "nothing-here")).catch((caught: unknown) => caught);
    expect(missing).to.be.instanceOf(IpfsError);
    const bad = await hashPath(join(work, "hello.txt"), { cidVersion: 2 as 1 }).catch((caught: unknown) => caught);
    expect(bad).to.be.instanceOf(IpfsError);
  });
});
