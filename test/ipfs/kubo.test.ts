import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { expect } from "chai";
import { create } from "kubo-rpc-client";

import {
  ContentNotFoundError,
  createEmbeddedIpfs,
  createKuboIpfs,
  DestinationExistsError,
  IpfsError,
} from "../../sdk/src/ipfs/index.js";
import type { IpfsBackend, KuboClient } from "../../sdk/src/ipfs/index.js";
import {
  cleanup,
  GOLDEN,
  HELLO,
  HELLO_CID_V0,
  HELLO_CID_V1,
  readTree,
  temporaryDirectory,
  writeGoldenInputs,
} from "./helpers.js";
import { KUBO_DAEMON_DIRECTORY, KUBO_DAEMON_INSTALL, kuboDaemonInstalled, startKuboDaemon } from "./kubo-daemon.js";
import type { KuboDaemon } from "./kubo-daemon.js";

const required = process.env.REQUIRE_KUBO === "1";

describe("ipfs: Kubo backend against a real RPC server", function () {
  this.timeout(300_000);

  if (!kuboDaemonInstalled()) {
    if (required) {
      it("needs the test IPFS daemon (REQUIRE_KUBO=1)", () => {
        throw new Error(`REQUIRE_KUBO=1 but the test IPFS daemon is not installed: run \`${KUBO_DAEMON_INSTALL}\`.`);
      });
    } else {
      it(`is pending: the test IPFS daemon is not installed, \`${KUBO_DAEMON_INSTALL}\` installs it`);
    }
    return;
  }

  let daemon: KuboDaemon;
  let work: string;
  let kubo: IpfsBackend;
  let embedded: IpfsBackend;

  before(async () => {
    daemon = await startKuboDaemon();
    work = await temporaryDirectory();
    await writeGoldenInputs(work);
    kubo = createKuboIpfs(daemon.url, { blockTimeoutMs: 2_000 });
    embedded = await createEmbeddedIpfs({ directory: join(work, "store") });
  });

  after(async () => {
    await kubo?.close();
    await embedded?.close();
    await daemon?.stop();
    if (work) await cleanup(work);
  });

  it("adds through the daemon with the same CIDs as the embedded backend and the golden vectors (v1 and v0)", async () => {
    const cases: [string, { v1: string; v0: string }][] = [
      ["hello.txt", { v1: HELLO_CID_V1, v0: HELLO_CID_V0 }],
      ["empty.bin", GOLDEN.empty],
      ["multi-chunk.bin", GOLDEN.multiChunk],
      ["wide.bin", GOLDEN.wide],
      ["model", GOLDEN.model],
    ];
    for (const [name, golden] of cases) {
      for (const cidVersion of [1, 0] as const) {
        const viaKubo = await kubo.add(join(work, name), { cidVersion });
        const viaEmbedded = await embedded.add(join(work, name), { cidVersion });
        expect(viaKubo.cid.toString(), `${name} v${cidVersion}`).to.equal(viaEmbedded.cid.toString());
        expect(viaKubo.cid.toString(), `${name} v${cidVersion}`).to.equal(cidVersion === 1 ? golden.v1 : golden.v0);
        expect(viaKubo.size).to.equal(viaEmbedded.size);
      }
    }
  });

  it("reports every entry of a directory, as the embedded backend does", async () => {
    const viaKubo = await kubo.add(join(work, "model"));
    const viaEmbedded = await embedded.add(join(work, "model"));
    const summary = (entries: typeof viaKubo.entries) =>
      entries.map((entry) => `${entry.path} ${entry.cid} ${entry.size}`);
    expect(summary(viaKubo.entries)).to.deep.equal(summary(viaEmbedded.entries));
  });

  it("adds bytes, pins, and reports pins", async () => {
    expect((await kubo.addBytes(HELLO)).cid.toString()).to.equal(HELLO_CID_V1);
    expect((await kubo.addBytes(HELLO, { cidVersion: 0 })).cid.toString()).to.equal(HELLO_CID_V0);
    expect(await kubo.isPinned(HELLO_CID_V1)).to.equal(true);

    const card = new TextEncoder().encode('{"name":"unpinned card"}\n');
    const unpinned = await kubo.addBytes(card, { pin: false });
    expect(await kubo.isPinned(unpinned.cid)).to.equal(false);
    await kubo.pin(unpinned.cid);
    expect(await kubo.isPinned(unpinned.cid)).to.equal(true);
  });

  it("pulls a directory through the daemon, verifying every block, byte for byte", async () => {
    const added = await kubo.add(join(work, "model"));
    const destination = join(work, "pulled", "model");
    let last = { bytes: 0, total: -1 };
    const pulled = await kubo.pull(added.cid, destination, { onProgress: (progress) => (last = progress) });
    expect(pulled.cid.equals(added.cid)).to.equal(true);
    expect(await readTree(destination)).to.deep.equal(await readTree(join(work, "model")));
    expect(last).to.deep.equal({ bytes: added.size, total: added.size });
    expect(await kubo.pull(added.cid, destination).catch((caught: unknown) => caught)).to.be.instanceOf(
      DestinationExistsError,
    );
  });

  it("pulls a multi-level file (v1 and v0) and cats a small one", async () => {
    for (const cidVersion of [1, 0] as const) {
      const added = await kubo.add(join(work, "wide.bin"), { cidVersion });
      const destination = join(work, "pulled", `wide-v${cidVersion}.bin`);
      await kubo.pull(added.cid, destination);
      expect(Buffer.compare(await readFile(destination), await readFile(join(work, "wide.bin")))).to.equal(0);
    }
    expect(new TextDecoder().decode(await kubo.cat(HELLO_CID_V1))).to.equal("hello\n");
  });

  it("reports content the daemon cannot find as ContentNotFoundError and leaves nothing behind", async () => {
    const absent = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvykq";
    const destination = join(work, "pulled", "absent");
    const error = await kubo.pull(absent, destination).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ContentNotFoundError);
    expect(existsSync(destination)).to.equal(false);
  });

  it("accepts an already-made kubo-rpc-client instance", async () => {
    const fromClient = createKuboIpfs(create({ url: daemon.url }));
    expect(fromClient.kind).to.equal("kubo");
    expect((await fromClient.add(join(work, "multi-chunk.bin"))).cid.toString()).to.equal(GOLDEN.multiChunk.v1);
    expect(await fromClient.cat(HELLO_CID_V1)).to.deep.equal(HELLO);
  });

  it("accepts an already-made ipfs-http-client instance (the deprecated client)", async () => {
    const entry = join(KUBO_DAEMON_DIRECTORY, "node_modules", "ipfs-http-client", "src", "index.js");
    const { create: createHttpClient } = (await import(pathToFileURL(entry).href)) as {
      create: (options: { url: string }) => KuboClient;
    };
    const fromClient = createKuboIpfs(createHttpClient({ url: daemon.url }));
    expect((await fromClient.add(join(work, "model"))).cid.toString()).to.equal(GOLDEN.model.v1);
    const destination = join(work, "pulled", "via-http-client.bin");
    await fromClient.pull(GOLDEN.multiChunk.v1, destination);
    expect(Buffer.compare(await readFile(destination), await readFile(join(work, "multi-chunk.bin")))).to.equal(0);
  });

  it("refuses what is not a client, and an unreachable daemon is a clear error", async () => {
    expect(() => createKuboIpfs({} as unknown as KuboClient)).to.throw(IpfsError);
    const nowhere = createKuboIpfs("http://127.0.0.1:9", { blockTimeoutMs: 1_000 });
    expect(await nowhere.addBytes(HELLO).catch((caught: unknown) => caught)).to.be.instanceOf(IpfsError);
  });
});
