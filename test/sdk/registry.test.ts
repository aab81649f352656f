import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import type { ContractTransaction, Signer } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { CID } from "multiformats/cid";
import { create as createDigest } from "multiformats/hashes/digest";

import { deployProtocol } from "../../deploy/protocol.js";
import {
  CommitmentNotFoundError,
  type ContractRevertError,
  createClient,
  createEmbeddedIpfs,
  decodeRevert,
  DeploymentError,
  DestinationExistsError,
  hashPath,
  IpfsRequiredError,
  ModelRegistry__factory,
  readDeployment,
  registrationCommitment,
  RegistryCommitmentsPendingError,
  RegistryCommitmentTooNewError,
  RegistryNotPublisherError,
  RegistrySlugTakenError,
  RegistryTagTakenError,
  RegistryUnknownSlugError,
  RegistryUnknownTagError,
  type SdkError,
  UnknownRevertError,
  writeDeployment,
  type Client,
  type Deployment,
  type IpfsBackend,
} from "../../sdk/src/index.js";
import { expectEveryErrorNamed } from "./fixture.js";

/** A distinct, valid CIDv1 (raw, sha2-256) per `n`, for versions whose content is not uploaded. */
const cidOf = (n: number) => CID.createV1(0x55, createDigest(0x12, new Uint8Array(32).fill(n))).toString();

describe("SDK registry module", function () {
  let connection: NetworkConnection;
  let deployment: Deployment;
  let ipfs: IpfsBackend;
  let scratch: string;
  let team: Signer;
  let stranger: Signer;
  let client: Client;
  let weightsDir: string;

  before(async function () {
    connection = await network.create();
    [team, stranger] = await connection.ethers.getSigners();
    deployment = await deployProtocol(connection, { record: false });
    scratch = await mkdtemp(path.join(os.tmpdir(), "sdk-registry-"));
    ipfs = await createEmbeddedIpfs({ directory: path.join(scratch, "ipfs") });
    client = createClient({ runner: team, deployment, ipfs });
    weightsDir = path.join(scratch, "weights");
    await mkdir(path.join(weightsDir, "shards"), { recursive: true });
    await writeFile(path.join(weightsDir, "manifest.json"), JSON.stringify({ shards: ["shards/0.bin"] }));
    await writeFile(path.join(weightsDir, "shards", "0.bin"), Buffer.alloc(300_000, 7));
    await client.registry.registerModel({
      slug: "base-model",
      license: "Apache-2.0",
      card: { name: "Base", tags: ["text"] },
    });
  });

  after(async function () {
    await ipfs.close();
    await connection.close();
    await rm(scratch, { recursive: true, force: true });
  });

  describe("registerModel", function () {
    it("uploads the card and returns the model as the chain has it", async function () {
      const model = await client.registry.getModel("base-model");
      expect(model).to.include({ id: 1n, slug: "base-model", license: "Apache-2.0", versionCount: 0 });
      expect(model.owner).to.equal(await team.getAddress());
      const card = JSON.parse(new TextDecoder().decode(await ipfs.cat(model.metadataCid)));
      expect(card).to.deep.equal({ name: "Base", tags: ["text"], slug: "base-model", license: "Apache-2.0" });
    });

    it("throws a named error with the slug and the owning model when the slug is taken", async function () {
      const attempt = client.registry.registerModel({ slug: "base-model", license: "MIT", metadataCid: cidOf(1) });
      const error = await attempt.catch((e: unknown) => e);
      expect(error).to.be.instanceOf(RegistrySlugTakenError);
      expect((error as RegistrySlugTakenError).shortMessage).to.equal(
        'The slug "base-model" is already registered (model #1); choose another slug.',
      );
      expect((error as ContractRevertError).errorName).to.equal("RegistrySlugTaken");
      expect((error as SdkError).walk()).to.not.equal(error);
    });

    it("builds an unsigned transaction that a signer can send later", async function () {
      const { transaction, metadataCid } = await client.registry.prepareRegisterModel({
        slug: "prepared-model",
        license: "MIT",
        metadataCid: cidOf(2),
      });
      expect(transaction.to).to.equal(deployment.contracts.ModelRegistry.address);
      expect(metadataCid.toString()).to.equal(cidOf(2));
      await (await team.sendTransaction(transaction)).wait();
      expect((await client.registry.getModel("prepared-model")).metadataCid.toString()).to.equal(cidOf(2));
    });

    it("needs IPFS to upload a card", async function () {
      const noIpfs = createClient({ runner: team, deployment });
      const error = await noIpfs.registry
        .registerModel({ slug: "no-ipfs", license: "MIT", card: { name: "x" } })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(IpfsRequiredError);
    });
  });

  describe("publishVersion and reads", function () {
    it("uploads a directory and records the same CID the content hashes to", async function () {
      const { result } = await client.registry.publishVersion({
        model: "base-model",
        tag: "v1.0.0",
        weights: weightsDir,
      });
      const expected = await hashPath(weightsDir);
      expect(result.weightsCid.toString()).to.equal(expected.cid.toString());
      expect(result).to.include({ index: 0, tag: "v1.0.0", deprecated: false });
      expect(await ipfs.isPinned(result.weightsCid)).to.equal(true);
    });

    it("links a fine-tune in another model to its parent, and reads the lineage", async function () {
      await client.registry.registerModel({ slug: "fine-tune", license: "Apache-2.0", metadataCid: cidOf(3) });
      const { result } = await client.registry.publishVersion({
        model: "fine-tune",
        tag: "ft-1",
        weights: cidOf(4),
        parent: { model: "base-model", version: { tag: "v1.0.0" } },
        datasets: [cidOf(5)],
      });
      expect(result.parent).to.deep.equal({ model: 1n, index: 0 });
      expect(result.datasetCids.map(String)).to.deep.equal([cidOf(5)]);
      const lineage = await client.registry.getLineage({ model: "fine-tune", version: "latest" });
      expect(lineage.map((v) => `${v.slug}@${v.tag}`)).to.deep.equal(["fine-tune@ft-1", "base-model@v1.0.0"]);
    });

    it("pages through long histories in one batch of reads", async function () {
      await client.registry.registerModel({ slug: "long-history", license: "MIT", metadataCid: cidOf(6) });
      const id = await client.registry.resolveModelId("long-history");
      const registry = client.contracts.registry;
      for (let i = 0; i < 105; i++) {
        await registry.publish(id, {
          weightsCid: `0x01551220${i.toString(16).padStart(64, "0")}`,
          configCid: "0x",
          tag: `v${i}`,
          parent: { model: 0n, index: 0n },
          datasetCids: [],
        });
      }
      const all = await client.registry.listVersions({ model: "long-history" });
      expect(all.map((v) => v.tag)).to.deep.equal(Array.from({ length: 105 }, (_, i) => `v${i}`));
      const middle = await client.registry.listVersions({ model: "long-history", offset: 98, limit: 4 });
      expect(middle.map((v) => v.index)).to.deep.equal([98, 99, 100, 101]);
    });

    it("reads by tag, by index and latest, skipping deprecated versions", async function () {
      await client.registry.publishVersion({ model: "base-model", tag: "v1.1.0", weights: cidOf(7) });
      await client.registry.deprecateVersion({
        model: "base-model",
        version: { tag: "v1.1.0" },
        reason: "broken shard",
      });
      const latest = await client.registry.getVersion({ model: "base-model", version: "latest" });
      expect(latest.tag).to.equal("v1.0.0");
      const deprecated = await client.registry.getVersion({ model: "base-model", version: 1 });
      expect(deprecated).to.include({ deprecated: true, deprecationReason: "broken shard" });
      const { result } = await client.registry.undeprecateVersion({ model: "base-model", version: { tag: "v1.1.0" } });
      expect(result.deprecated).to.equal(false);
      expect((await client.registry.getVersion({ model: "base-model", version: "latest" })).tag).to.equal("v1.1.0");
    });

    it("decodes reverts into named errors with readable sentences", async function () {
      const tagTaken = await client.registry
        .publishVersion({ model: "base-model", tag: "v1.0.0", weights: cidOf(8) })
        .catch((e: unknown) => e);
      expect(tagTaken).to.be.instanceOf(RegistryTagTakenError);
      expect((tagTaken as SdkError).shortMessage).to.equal(
        'model #1 already has a version tagged "v1.0.0" (version 0); tags are never reused.',
      );
      const unknownSlug = await client.registry.getModel("no-such-model").catch((e: unknown) => e);
      expect(unknownSlug).to.be.instanceOf(RegistryUnknownSlugError);
      const unknownTag = await client.registry
        .getVersion({ model: "base-model", version: { tag: "v9" } })
        .catch((e: unknown) => e);
      expect(unknownTag).to.be.instanceOf(RegistryUnknownTagError);
      const outsider = createClient({ runner: stranger, deployment, ipfs });
      const notPublisher = await outsider.registry
        .publishVersion({ model: "base-model", tag: "v2", weights: cidOf(9) })
        .catch((e: unknown) => e);
      expect(notPublisher).to.be.instanceOf(RegistryNotPublisherError);
      expect((notPublisher as SdkError).shortMessage).to.contain(await stranger.getAddress());
    });

    it("lets an authorised publisher publish", async function () {
      await client.registry.setPublisher({ model: "base-model", account: await stranger.getAddress(), allowed: true });
      const publisher = createClient({ runner: stranger, deployment, ipfs });
      const { result } = await publisher.registry.publishVersion({
        model: "base-model",
        tag: "v2.0.0",
        weights: cidOf(10),
      });
      expect(result.publisher).to.equal(await stranger.getAddress());
      expect(await client.registry.canPublish({ model: "base-model", account: await stranger.getAddress() })).to.equal(
        true,
      );
    });

    it("builds deprecations and publisher changes with a read-only runner, for the owner to send", async function () {
      const readOnly = createClient({ runner: connection.ethers.provider, deployment, ipfs });
      const send = async (transaction: ContractTransaction) => (await team.sendTransaction(transaction)).wait();
      const version = { model: "base-model", version: { tag: "v1.1.0" } };
      const deprecation = await readOnly.registry.prepareDeprecateVersion({ ...version, reason: "recalled" });
      expect(deprecation.version.tag).to.equal("v1.1.0");
      await send(deprecation.transaction);
      expect(await readOnly.registry.getVersion(version)).to.include({
        deprecated: true,
        deprecationReason: "recalled",
      });
      await send((await readOnly.registry.prepareUndeprecateVersion(version)).transaction);
      expect((await readOnly.registry.getVersion(version)).deprecated).to.equal(false);

      const account = await stranger.getAddress();
      const revoke = await readOnly.registry.prepareSetPublisher({ model: "base-model", account, allowed: false });
      expect(revoke.model).to.equal(1n);
      await send(revoke.transaction);
      expect(await readOnly.registry.canPublish({ model: "base-model", account })).to.equal(false);
      await send(
        (await readOnly.registry.prepareSetPublisher({ model: "base-model", account, allowed: true })).transaction,
      );
      expect(await readOnly.registry.canPublish({ model: "base-model", account })).to.equal(true);
    });
  });

  describe("pullVersion", function () {
    it("pulls the weights verified, byte for byte", async function () {
      const destination = path.join(scratch, "pulled");
      const progress: number[] = [];
      const { pulled, version } = await client.registry.pullVersion({
        model: "base-model",
        version: { tag: "v1.0.0" },
        destination,
        onProgress: ({ bytes }) => progress.push(bytes),
      });
      expect(pulled.cid.equals(version.weightsCid)).to.equal(true);
      expect(await readFile(path.join(destination, "shards", "0.bin"))).to.deep.equal(Buffer.alloc(300_000, 7));
      expect(progress.at(-1)).to.equal(pulled.bytes);
      const again = await client.registry
        .pullVersion({ model: "base-model", version: { tag: "v1.0.0" }, destination })
        .catch((e: unknown) => e);
      expect(again).to.be.instanceOf(DestinationExistsError);
    });
  });

  describe("registration by commitment", function () {
    let file: string;
    const moveClock = async (until: number) => {
      await connection.networkHelpers.time.increaseTo(until);
    };

    before(function () {
      file = path.join(scratch, "commitments.json");
    });

    it("L-07 commits without showing the slug, closes one-step registration, then reveals a minute later", async function () {
      const { result: kept } = await client.registry.commitRegistration({
        slug: "secret-model",
        commitmentsFile: file,
      });
      const owner = await team.getAddress();
      expect(kept).to.include({ slug: "secret-model", owner, chainId: 31337 });
      expect(kept.revealableAt - kept.committedAt).to.equal(60);
      expect(kept.expiresAt - kept.committedAt).to.equal(86_400);
      // The commitment hides the slug; it is the contract's own hash of slug, owner and secret.
      expect(kept.commitment).to.equal(registrationCommitment("secret-model", owner, kept.secret));
      expect(await client.contracts.registry.makeCommitment("secret-model", owner, kept.secret)).to.equal(
        kept.commitment,
      );
      const onDisk = JSON.parse(await readFile(file, "utf8")) as { commitments: { secret: string }[] };
      expect(onDisk.commitments.map((c) => c.secret)).to.deep.equal([kept.secret]);

      // Anyone who saw the reveal coming cannot take the slug in one step.
      const copier = createClient({ runner: stranger, deployment, ipfs });
      const refused = await copier.registry
        .registerModel({ slug: "secret-model", license: "MIT", card: { name: "Copy" } })
        .catch((e: unknown) => e);
      expect(refused).to.be.instanceOf(RegistryCommitmentsPendingError);
      expect((refused as SdkError).shortMessage).to.contain(
        "Register by commitment instead (model register --commit-reveal)",
      );

      const waited: Date[] = [];
      const { result } = await client.registry.registerCommitted({
        slug: "secret-model",
        license: "MIT",
        card: { name: "Secret" },
        commitmentsFile: file,
        wait: moveClock,
        onWait: (at) => waited.push(at),
      });
      expect(waited).to.deep.equal([new Date(kept.revealableAt * 1000)]);
      expect(result).to.include({ slug: "secret-model", owner, license: "MIT" });
      expect(await client.registry.readRegistrationCommitments(file)).to.deep.equal([]);
    });

    it("refuses a reveal without a kept secret, and an early one when told not to wait", async function () {
      const missing = await client.registry
        .registerCommitted({ slug: "never-committed", license: "MIT", card: { name: "X" }, commitmentsFile: file })
        .catch((e: unknown) => e);
      expect(missing).to.be.instanceOf(CommitmentNotFoundError);
      await client.registry.commitRegistration({ slug: "early-model", commitmentsFile: file });
      const early = await client.registry
        .registerCommitted({
          slug: "early-model",
          license: "MIT",
          card: { name: "Early" },
          commitmentsFile: file,
          wait: false,
        })
        .catch((e: unknown) => e);
      expect(early).to.be.instanceOf(RegistryCommitmentTooNewError);
      expect((early as SdkError).shortMessage).to.match(/can be revealed from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      // Prepared forms, for a multisig: the same reveal, built without sending.
      const [kept] = await client.registry.readRegistrationCommitments(file);
      const { transaction } = await client.registry.prepareRegisterCommitted({
        slug: "early-model",
        license: "MIT",
        metadataCid: cidOf(9),
        secret: kept.secret,
      });
      expect(transaction.to).to.equal(deployment.contracts.ModelRegistry.address);
      await moveClock(kept.revealableAt);
      await (await team.sendTransaction(transaction)).wait();
      expect((await client.registry.getModel("early-model")).owner).to.equal(await team.getAddress());
    });

    it("clears an expired commitment, which reopens one-step registration", async function () {
      const { transaction, commitment, owner } = await client.registry.prepareCommitRegistration({
        slug: "abandoned-model",
      });
      expect(owner).to.equal(await team.getAddress());
      await (await team.sendTransaction(transaction)).wait();
      expect(await client.contracts.registry.pendingCommitments()).to.equal(1n);
      const at = Number(await client.contracts.registry.commitmentTime(commitment));
      await moveClock(at + 86_401);
      await client.registry.clearCommitment({ commitment });
      expect(await client.contracts.registry.pendingCommitments()).to.equal(0n);
      const { result } = await client.registry.registerModel({
        slug: "abandoned-model",
        license: "MIT",
        metadataCid: cidOf(10),
      });
      expect(result.slug).to.equal("abandoned-model");
    });
  });

  describe("errors", function () {
    it("has a named class and a sentence for every custom error the contracts can throw", function () {
      const names = expectEveryErrorNamed("ModelRegistry", ModelRegistry__factory.createInterface());
      expect(names.length).to.be.greaterThan(30);
    });

    it("passes errors that are not reverts through unchanged, and keeps unknown reverts' data", function () {
      const network = new Error("socket hang up");
      expect(decodeRevert(network, [])).to.equal(network);
      const unknown = decodeRevert({ code: "CALL_EXCEPTION", data: "0xdeadbeef" }, [
        ModelRegistry__factory.createInterface(),
      ]);
      expect(unknown).to.be.instanceOf(UnknownRevertError);
      expect((unknown as UnknownRevertError).data).to.equal("0xdeadbeef");
    });
  });

  describe("deployments and runners", function () {
    it("reads with a provider alone", async function () {
      const provider = connection.ethers.provider;
      const reader = createClient({ runner: provider, deployment });
      expect((await reader.registry.getModel(1n)).slug).to.equal("base-model");
    });

    it("round-trips a deployments file and refuses one for another chain", async function () {
      const file = path.join(scratch, "deployments", "test.json");
      await writeDeployment(file, deployment);
      expect(await readDeployment(file, 31337)).to.deep.equal(deployment);
      const wrongChain = await readDeployment(file, 1).catch((e: unknown) => e);
      expect(wrongChain).to.be.instanceOf(DeploymentError);
      const missing = await readDeployment(path.join(scratch, "none.json")).catch((e: unknown) => e);
      expect(missing).to.be.instanceOf(DeploymentError);
    });

    it("records the protocol DAO, and reads files written before it existed", async function () {
      for (const name of ["ProtocolToken", "ProtocolGovernor", "ProtocolTimelock"] as const) {
        expect(await connection.ethers.provider.getCode(deployment.contracts[name]!.address)).to.not.equal("0x");
      }
      const { ModelRegistry, ModelLaunchFactory } = deployment.contracts;
      const older = { ...deployment, contracts: { ModelRegistry, ModelLaunchFactory } };
      const file = path.join(scratch, "deployments", "older.json");
      await writeDeployment(file, older);
      const read = await readDeployment(file, 31337);
      expect(read).to.deep.equal(older);
      expect(read.contracts.ProtocolGovernor).to.equal(undefined);
    });
  });
});
