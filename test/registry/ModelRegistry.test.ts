import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";
import { CID } from "multiformats/cid";
import * as Digest from "multiformats/hashes/digest";

import type { IModelRegistry, ModelRegistry } from "../../types/typechain/index.js";

const { ethers, networkHelpers } = await network.create();
const { loadFixture, time } = networkHelpers;

type PublishParams = IModelRegistry.PublishParamsStruct;

// ---------------------------------------------------------------------------------------------------------------
// CIDs, built with `multiformats` so the tests do not share the contract's idea of the binary format.
// ---------------------------------------------------------------------------------------------------------------

const CODECS = { raw: 0x55, "dag-pb": 0x70, "dag-cbor": 0x71, "dag-json": 0x0129 } as const;
const HASHES = {
  "sha2-256": 0x12,
  "sha3-256": 0x16,
  "keccak-256": 0x1b,
  blake3: 0x1e,
  "blake2b-256": 0xb220,
} as const;

/** A deterministic 32-byte digest per label. */
function digestOf(label: string): Uint8Array {
  return ethers.getBytes(ethers.id(label));
}

function cidV0(label: string): string {
  return ethers.hexlify(CID.createV0(Digest.create(HASHES["sha2-256"], digestOf(label))).bytes);
}

function cidV1(codec: number, hash: number, label: string): string {
  return ethers.hexlify(CID.createV1(codec, Digest.create(hash, digestOf(label))).bytes);
}

function rawCid(label: string): string {
  return cidV1(CODECS.raw, HASHES["sha2-256"], label);
}

/** What `tokenURI` must return for a model card CID: its CIDv1 in base32, as IPFS tooling prints it. */
function ipfsUri(cid: string): string {
  return `ipfs://${CID.decode(ethers.getBytes(cid)).toV1().toString()}`;
}

/** Every binary CID form the registry accepts: CIDv0, and CIDv1 with each codec and each hash function. */
const CID_FORMS: { name: string; make: (label: string) => string }[] = [
  { name: "CIDv0", make: cidV0 },
  ...Object.entries(CODECS).flatMap(([codecName, codec]) =>
    Object.entries(HASHES).map(([hashName, hash]) => ({
      name: `CIDv1 ${codecName} ${hashName}`,
      make: (label: string) => cidV1(codec, hash, label),
    })),
  ),
];

const DIGEST = ethers.hexlify(digestOf("digest"));
const DIGEST_31 = ethers.dataSlice(DIGEST, 0, 31);

/** A CID with the given header bytes followed by a 32-byte digest. */
function withHeader(...header: number[]): string {
  return ethers.concat([new Uint8Array(header), DIGEST]);
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------------

const SLUG = "llama-tiny";
const LICENSE = "Apache-2.0";
const METADATA = cidV0("model card");
const MODEL = 1n;

function versionParams(tag: string, overrides: Partial<PublishParams> = {}): PublishParams {
  return {
    weightsCid: rawCid(`weights ${tag}`),
    configCid: "0x",
    tag,
    parent: { model: 0, index: 0 },
    datasetCids: [],
    ...overrides,
  };
}

/** The event's struct argument as the chai matchers compare it. */
function paramsArg(p: PublishParams) {
  return [
    ethers.hexlify(p.weightsCid),
    ethers.hexlify(p.configCid),
    p.tag,
    [p.parent.model, p.parent.index],
    p.datasetCids.map((d) => ethers.hexlify(d)),
  ];
}

async function deployFixture() {
  const [owner, alice, bob, carol, stranger] = await ethers.getSigners();
  const registry: ModelRegistry = await ethers.deployContract("ModelRegistry");
  return { registry, owner, alice, bob, carol, stranger };
}

/** `owner` has registered model 1, without versions. */
async function registeredFixture() {
  const base = await deployFixture();
  await base.registry.connect(base.owner).register(SLUG, METADATA, LICENSE);
  return base;
}

/** Model 1 has versions `v1.0.0` (plain) and `v1.1.0` (parent v1.0.0, config, two datasets); alice publishes. */
async function publishedFixture() {
  const base = await registeredFixture();
  const { registry, owner, alice } = base;
  await registry.connect(owner).setPublisher(MODEL, alice, true);
  const first = versionParams("v1.0.0");
  const second = versionParams("v1.1.0", {
    configCid: cidV1(CODECS["dag-json"], HASHES["sha2-256"], "config v1.1.0"),
    parent: { model: MODEL, index: 0 },
    datasetCids: [rawCid("dataset a"), cidV0("dataset b")],
  });
  await registry.connect(owner).publish(MODEL, first);
  await registry.connect(alice).publish(MODEL, second);
  return { ...base, first, second };
}

/**
 * Three models: base (1) with v0 <- v1, tune (2) with v0 from base v1, distil (3) with v0 from tune v0, plus an
 * empty model (4).
 */
async function lineageFixture() {
  const base = await deployFixture();
  const { registry, owner, alice } = base;
  await registry.connect(owner).register("base", cidV0("base"), "MIT");
  await registry.connect(alice).register("tune", cidV0("tune"), "MIT");
  await registry.connect(owner).register("distil", cidV0("distil"), "MIT");
  await registry.connect(owner).register("empty", cidV0("empty"), "MIT");
  await registry.connect(owner).publish(1, versionParams("v0"));
  await registry.connect(owner).publish(1, versionParams("v1", { parent: { model: 1, index: 0 } }));
  await registry.connect(alice).publish(2, versionParams("v0", { parent: { model: 1, index: 1 } }));
  await registry.connect(owner).publish(3, versionParams("v0", { parent: { model: 2, index: 0 } }));
  return base;
}

const MANY_VERSIONS = 101;

/** Model 1 has 101 versions, `t0` to `t100`. */
async function manyVersionsFixture() {
  const base = await registeredFixture();
  for (let i = 0; i < MANY_VERSIONS; i++) {
    await base.registry.connect(base.owner).publish(MODEL, versionParams(`t${i}`));
  }
  return base;
}

/** `count` distinct addresses that are not signers. */
function addresses(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    ethers.getAddress(ethers.zeroPadValue(ethers.toBeHex(0x1000 + i), 20)),
  );
}

async function expectVersion(
  registry: ModelRegistry,
  model: bigint,
  index: bigint,
  p: PublishParams,
  publisher: HardhatEthersSigner,
) {
  const v = await registry.getVersion(model, index);
  expect(v.model).to.equal(model);
  expect(v.index).to.equal(index);
  expect(v.tag).to.equal(p.tag);
  expect(v.weightsCid).to.equal(ethers.hexlify(p.weightsCid));
  expect(v.configCid).to.equal(ethers.hexlify(p.configCid));
  const hasParent = BigInt(p.parent.model) !== 0n;
  expect(v.hasParent).to.equal(hasParent);
  expect(v.parent.model).to.equal(hasParent ? p.parent.model : 0);
  expect(v.parent.index).to.equal(hasParent ? p.parent.index : 0);
  expect(v.datasetCids).to.deep.equal(p.datasetCids.map((d) => ethers.hexlify(d)));
  expect(v.publisher).to.equal(publisher.address);
  expect(v.deprecated).to.equal(false);
  expect(v.deprecationReason).to.equal("");
  return v;
}

// ---------------------------------------------------------------------------------------------------------------

describe("ModelRegistry", function () {
  describe("when deployed", function () {
    it("has the token name, symbol, limits and no models", async function () {
      const { registry } = await loadFixture(deployFixture);
      expect(await registry.name()).to.equal("Open Model Registry");
      expect(await registry.symbol()).to.equal("MODEL");
      expect(await registry.MAX_DATASETS()).to.equal(16);
      expect(await registry.MAX_PUBLISHERS()).to.equal(32);
      expect(await registry.MAX_REASON_LENGTH()).to.equal(280);
      expect(await registry.MAX_PAGE()).to.equal(100);
      expect(await registry.modelCount()).to.equal(0);
    });

    it("supports the ERC-165, ERC-721 and ERC-721 metadata interfaces only", async function () {
      const { registry } = await loadFixture(deployFixture);
      expect(await registry.supportsInterface("0x01ffc9a7")).to.equal(true);
      expect(await registry.supportsInterface("0x80ac58cd")).to.equal(true);
      expect(await registry.supportsInterface("0x5b5e139f")).to.equal(true);
      expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe("register", function () {
    describe("when the slug, licence and CID are valid", function () {
      it("mints the model to the caller and emits ModelRegistered and Transfer", async function () {
        const { registry, alice } = await loadFixture(deployFixture);
        const tx = registry.connect(alice).register(SLUG, METADATA, LICENSE);
        await expect(tx).to.emit(registry, "ModelRegistered").withArgs(1, alice.address, SLUG, METADATA, LICENSE);
        await expect(tx).to.emit(registry, "Transfer").withArgs(ethers.ZeroAddress, alice.address, 1);
        expect(await registry.ownerOf(1)).to.equal(alice.address);
        expect(await registry.balanceOf(alice)).to.equal(1);
      });

      it("returns the new id", async function () {
        const { registry, alice } = await loadFixture(registeredFixture);
        expect(await registry.connect(alice).register.staticCall("other", METADATA, LICENSE)).to.equal(2);
      });

      it("stores the model as getModel returns it", async function () {
        const { registry, owner } = await loadFixture(deployFixture);
        await time.increase(1000);
        await registry.connect(owner).register(SLUG, METADATA, LICENSE);
        const registeredAt = await time.latest();
        const info = await registry.getModel(1);
        expect(info.id).to.equal(1);
        expect(info.slug).to.equal(SLUG);
        expect(info.owner).to.equal(owner.address);
        expect(info.metadataCid).to.equal(METADATA);
        expect(info.license).to.equal(LICENSE);
        expect(info.registeredAt).to.equal(registeredAt);
        expect(info.versionCount).to.equal(0);
      });

      it("numbers models from 1 upwards and counts them", async function () {
        const { registry, owner, alice } = await loadFixture(registeredFixture);
        await expect(registry.connect(alice).register("second", METADATA, "MIT"))
          .to.emit(registry, "ModelRegistered")
          .withArgs(2, alice.address, "second", METADATA, "MIT");
        await registry.connect(owner).register("third", METADATA, "MIT");
        expect(await registry.modelCount()).to.equal(3);
        expect(await registry.modelIdOf("second")).to.equal(2);
        expect(await registry.modelIdOf("third")).to.equal(3);
        expect(await registry.balanceOf(owner)).to.equal(2);
      });

      for (const slug of ["abc", "a".repeat(64), "a-b", "a--b", "0-9", "123", "llama-3-8b-instruct"]) {
        it(`accepts the slug "${slug.length > 20 ? `${slug.length} chars` : slug}"`, async function () {
          const { registry, owner } = await loadFixture(deployFixture);
          await expect(registry.connect(owner).register(slug, METADATA, LICENSE))
            .to.emit(registry, "ModelRegistered")
            .withArgs(1, owner.address, slug, METADATA, LICENSE);
          expect(await registry.modelIdOf(slug)).to.equal(1);
        });
      }

      for (const license of [
        "MIT",
        "Apache-2.0 OR MIT",
        "(MIT AND BSD-3-Clause)",
        "GPL-2.0+",
        "LicenseRef-scancode:custom",
        "L".repeat(64),
      ]) {
        it(`accepts the licence "${license}"`, async function () {
          const { registry, owner } = await loadFixture(deployFixture);
          await registry.connect(owner).register(SLUG, METADATA, license);
          expect((await registry.getModel(1)).license).to.equal(license);
        });
      }
    });

    describe("when the slug is invalid", function () {
      const cases: [string, string][] = [
        ["empty", ""],
        ["2 chars", "ab"],
        ["65 chars", "a".repeat(65)],
        ["a leading '-'", "-abc"],
        ["a trailing '-'", "abc-"],
        ["only '-'", "---"],
        ["upper case", "Llama"],
        ["an underscore", "llama_tiny"],
        ["a space", "llama tiny"],
        ["a dot", "llama.tiny"],
        ["a slash", "llama/tiny"],
        ["non-ASCII", "llamá"],
        ["a NUL byte", "abc\u0000"],
      ];
      for (const [name, slug] of cases) {
        it(`refuses a slug with ${name}`, async function () {
          const { registry, owner } = await loadFixture(deployFixture);
          await expect(registry.connect(owner).register(slug, METADATA, LICENSE))
            .to.be.revertedWithCustomError(registry, "RegistryInvalidSlug")
            .withArgs(slug);
        });
      }
    });

    describe("when the slug is taken", function () {
      it("refuses it, naming the model that holds it, whoever asks", async function () {
        const { registry, owner, alice } = await loadFixture(registeredFixture);
        await expect(registry.connect(alice).register(SLUG, cidV0("other"), "MIT"))
          .to.be.revertedWithCustomError(registry, "RegistrySlugTaken")
          .withArgs(SLUG, 1);
        await expect(registry.connect(owner).register(SLUG, METADATA, LICENSE))
          .to.be.revertedWithCustomError(registry, "RegistrySlugTaken")
          .withArgs(SLUG, 1);
      });

      it("still refuses it after the model changes hands", async function () {
        const { registry, owner, alice } = await loadFixture(registeredFixture);
        await registry.connect(owner).transferFrom(owner, alice, 1);
        await expect(registry.connect(owner).register(SLUG, METADATA, LICENSE))
          .to.be.revertedWithCustomError(registry, "RegistrySlugTaken")
          .withArgs(SLUG, 1);
      });
    });

    describe("when the licence is invalid", function () {
      const cases: [string, string][] = [
        ["empty", ""],
        ["a leading space", " MIT"],
        ["a trailing space", "MIT "],
        ["only a space", " "],
        ["65 chars", "L".repeat(65)],
        ["a slash", "MIT/Apache-2.0"],
        ["a comma", "MIT,BSD"],
        ["a newline", "MIT\n"],
        ["non-ASCII", "Lizénz"],
      ];
      for (const [name, license] of cases) {
        it(`refuses a licence with ${name}`, async function () {
          const { registry, owner } = await loadFixture(deployFixture);
          await expect(registry.connect(owner).register(SLUG, METADATA, license))
            .to.be.revertedWithCustomError(registry, "RegistryInvalidLicense")
            .withArgs(license);
        });
      }
    });

    describe("when the metadata CID is invalid", function () {
      const cases: { name: string; cid: string; error: string; args: (number | bigint)[] }[] = [
        { name: "empty", cid: "0x", error: "CidEmpty", args: [] },
        { name: "a lone sha2-256 byte", cid: "0x12", error: "CidInvalidLength", args: [1] },
        {
          name: "CIDv0 one byte short",
          cid: ethers.concat(["0x1220", DIGEST_31]),
          error: "CidInvalidLength",
          args: [33],
        },
        {
          name: "CIDv0 one byte long",
          cid: ethers.concat(["0x1220", DIGEST, "0x00"]),
          error: "CidInvalidLength",
          args: [35],
        },
        {
          name: "CIDv0 declaring a 33-byte digest",
          cid: ethers.concat(["0x1221", DIGEST]),
          error: "CidInvalidDigestLength",
          args: [0x21],
        },
        {
          name: "version 0 as a varint",
          cid: withHeader(0x00, 0x55, 0x12, 0x20),
          error: "CidUnsupportedVersion",
          args: [0],
        },
        { name: "version 2", cid: withHeader(0x02, 0x55, 0x12, 0x20), error: "CidUnsupportedVersion", args: [2] },
        { name: "version 3", cid: withHeader(0x03, 0x55, 0x12, 0x20), error: "CidUnsupportedVersion", args: [3] },
        {
          name: "a two-byte version",
          cid: withHeader(0x80, 0x01, 0x55, 0x12, 0x20),
          error: "CidUnsupportedVersion",
          args: [128],
        },
        {
          name: "codec libp2p-key (0x72)",
          cid: withHeader(0x01, 0x72, 0x12, 0x20),
          error: "CidUnsupportedCodec",
          args: [0x72],
        },
        {
          name: "codec dag-jose (0x85)",
          cid: withHeader(0x01, 0x85, 0x01, 0x12, 0x20),
          error: "CidUnsupportedCodec",
          args: [0x85],
        },
        { name: "codec 0", cid: withHeader(0x01, 0x00, 0x12, 0x20), error: "CidUnsupportedCodec", args: [0] },
        {
          name: "hash sha2-512 (0x13)",
          cid: withHeader(0x01, 0x55, 0x13, 0x20),
          error: "CidUnsupportedHash",
          args: [0x13],
        },
        {
          name: "the identity hash",
          cid: withHeader(0x01, 0x55, 0x00, 0x20),
          error: "CidUnsupportedHash",
          args: [0],
        },
        {
          name: "hash blake2b-512 (0xb240)",
          cid: withHeader(0x01, 0x55, 0xc0, 0xe4, 0x02, 0x20),
          error: "CidUnsupportedHash",
          args: [0xb240],
        },
        {
          name: "a 31-byte digest declared and given",
          cid: ethers.concat(["0x0155121f", DIGEST_31]),
          error: "CidInvalidDigestLength",
          args: [31],
        },
        {
          name: "a 64-byte digest declared",
          cid: withHeader(0x01, 0x55, 0x12, 0x40),
          error: "CidInvalidDigestLength",
          args: [64],
        },
        {
          name: "a digest one byte short of the declared 32",
          cid: ethers.concat(["0x01551220", DIGEST_31]),
          error: "CidInvalidLength",
          args: [35],
        },
        {
          name: "a trailing byte after the digest",
          cid: ethers.concat([withHeader(0x01, 0x55, 0x12, 0x20), "0x00"]),
          error: "CidInvalidLength",
          args: [37],
        },
        { name: "only a version", cid: "0x01", error: "CidInvalidLength", args: [1] },
        { name: "a header cut after the codec", cid: "0x0155", error: "CidInvalidLength", args: [2] },
        { name: "a varint cut short", cid: "0x0181", error: "CidInvalidLength", args: [2] },
        {
          name: "a non-minimal version varint",
          cid: withHeader(0x81, 0x00, 0x55, 0x12, 0x20),
          error: "CidMalformedVarint",
          args: [1],
        },
        {
          name: "a non-minimal codec varint",
          cid: withHeader(0x01, 0xd5, 0x00, 0x12, 0x20),
          error: "CidMalformedVarint",
          args: [2],
        },
        {
          name: "a non-minimal hash varint",
          cid: withHeader(0x01, 0x55, 0x92, 0x80, 0x00, 0x20),
          error: "CidMalformedVarint",
          args: [4],
        },
        {
          name: "a four-byte varint",
          cid: withHeader(0x01, 0x80, 0x80, 0x80, 0x01, 0x12, 0x20),
          error: "CidMalformedVarint",
          args: [3],
        },
      ];
      for (const { name, cid, error, args } of cases) {
        it(`refuses ${name} with ${error}`, async function () {
          const { registry, owner } = await loadFixture(deployFixture);
          await expect(registry.connect(owner).register(SLUG, cid, LICENSE))
            .to.be.revertedWithCustomError(registry, error)
            .withArgs(...args);
        });
      }
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe("setMetadata", function () {
    const NEW_METADATA = cidV1(CODECS["dag-json"], HASHES.blake3, "new card");

    describe("when the caller is the owner", function () {
      it("replaces the model card, emits MetadataUpdated and moves tokenURI", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await expect(registry.connect(owner).setMetadata(MODEL, NEW_METADATA))
          .to.emit(registry, "MetadataUpdated")
          .withArgs(MODEL, NEW_METADATA);
        expect((await registry.getModel(MODEL)).metadataCid).to.equal(NEW_METADATA);
        expect(await registry.tokenURI(MODEL)).to.equal(ipfsUri(NEW_METADATA));
      });

      it("leaves the slug, licence, registration time and versions untouched", async function () {
        const { registry, owner, first } = await loadFixture(publishedFixture);
        const before = await registry.getModel(MODEL);
        await registry.connect(owner).setMetadata(MODEL, NEW_METADATA);
        const after = await registry.getModel(MODEL);
        expect([after.slug, after.license, after.registeredAt, after.versionCount]).to.deep.equal([
          before.slug,
          before.license,
          before.registeredAt,
          2n,
        ]);
        await expectVersion(registry, MODEL, 0n, first, owner);
      });
    });

    describe("when the caller is approved for the token", function () {
      it("accepts it", async function () {
        const { registry, owner, alice } = await loadFixture(registeredFixture);
        await registry.connect(owner).approve(alice, MODEL);
        await expect(registry.connect(alice).setMetadata(MODEL, NEW_METADATA))
          .to.emit(registry, "MetadataUpdated")
          .withArgs(MODEL, NEW_METADATA);
      });

      it("refuses it once the model is transferred, as ERC-721 clears the approval", async function () {
        const { registry, owner, alice, bob } = await loadFixture(registeredFixture);
        await registry.connect(owner).approve(alice, MODEL);
        await registry.connect(owner).transferFrom(owner, bob, MODEL);
        await expect(registry.connect(alice).setMetadata(MODEL, NEW_METADATA))
          .to.be.revertedWithCustomError(registry, "RegistryNotModelOwner")
          .withArgs(MODEL, alice.address);
      });
    });

    describe("when the caller is an operator of the owner", function () {
      it("accepts it until the approval is withdrawn", async function () {
        const { registry, owner, bob } = await loadFixture(registeredFixture);
        await registry.connect(owner).setApprovalForAll(bob, true);
        await expect(registry.connect(bob).setMetadata(MODEL, NEW_METADATA))
          .to.emit(registry, "MetadataUpdated")
          .withArgs(MODEL, NEW_METADATA);
        await registry.connect(owner).setApprovalForAll(bob, false);
        await expect(registry.connect(bob).setMetadata(MODEL, METADATA))
          .to.be.revertedWithCustomError(registry, "RegistryNotModelOwner")
          .withArgs(MODEL, bob.address);
      });
    });

    describe("when the caller may not manage the model", function () {
      it("refuses a stranger", async function () {
        const { registry, stranger } = await loadFixture(registeredFixture);
        await expect(registry.connect(stranger).setMetadata(MODEL, NEW_METADATA))
          .to.be.revertedWithCustomError(registry, "RegistryNotModelOwner")
          .withArgs(MODEL, stranger.address);
      });

      it("refuses an authorised publisher", async function () {
        const { registry, alice } = await loadFixture(publishedFixture);
        await expect(registry.connect(alice).setMetadata(MODEL, NEW_METADATA))
          .to.be.revertedWithCustomError(registry, "RegistryNotModelOwner")
          .withArgs(MODEL, alice.address);
      });

      it("refuses the previous owner after a transfer", async function () {
        const { registry, owner, carol } = await loadFixture(registeredFixture);
        await registry.connect(owner).transferFrom(owner, carol, MODEL);
        await expect(registry.connect(owner).setMetadata(MODEL, NEW_METADATA))
          .to.be.revertedWithCustomError(registry, "RegistryNotModelOwner")
          .withArgs(MODEL, owner.address);
        await expect(registry.connect(carol).setMetadata(MODEL, NEW_METADATA)).to.emit(registry, "MetadataUpdated");
      });
    });

    describe("when the model does not exist", function () {
      for (const id of [0n, 2n, 2n ** 256n - 1n]) {
        it(`refuses model ${id}`, async function () {
          const { registry, owner } = await loadFixture(registeredFixture);
          await expect(registry.connect(owner).setMetadata(id, NEW_METADATA))
            .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
            .withArgs(id);
        });
      }
    });

    describe("when the CID is invalid", function () {
      it("refuses an empty CID", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await expect(registry.connect(owner).setMetadata(MODEL, "0x")).to.be.revertedWithCustomError(
          registry,
          "CidEmpty",
        );
      });

      it("refuses an unsupported codec and keeps the old card", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await expect(registry.connect(owner).setMetadata(MODEL, withHeader(0x01, 0x78, 0x12, 0x20)))
          .to.be.revertedWithCustomError(registry, "CidUnsupportedCodec")
          .withArgs(0x78);
        expect((await registry.getModel(MODEL)).metadataCid).to.equal(METADATA);
      });
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe("setPublisher", function () {
    describe("when the owner grants", function () {
      it("emits PublisherSet and lets the account publish", async function () {
        const { registry, owner, alice } = await loadFixture(registeredFixture);
        expect(await registry.canPublish(MODEL, alice)).to.equal(false);
        await expect(registry.connect(owner).setPublisher(MODEL, alice, true))
          .to.emit(registry, "PublisherSet")
          .withArgs(MODEL, alice.address, true);
        expect(await registry.canPublish(MODEL, alice)).to.equal(true);
        expect(await registry.publishers(MODEL)).to.deep.equal([alice.address]);
        await expect(registry.connect(alice).publish(MODEL, versionParams("v1"))).to.emit(registry, "VersionPublished");
      });

      it("refuses a grant that changes nothing", async function () {
        const { registry, owner, alice } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).setPublisher(MODEL, alice, true))
          .to.be.revertedWithCustomError(registry, "RegistryPublisherUnchanged")
          .withArgs(MODEL, alice.address, true);
      });

      it("grants up to 32 publishers and refuses the 33rd", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        const accounts = addresses(33);
        for (const account of accounts.slice(0, 32)) {
          await registry.connect(owner).setPublisher(MODEL, account, true);
        }
        expect(await registry.publishers(MODEL)).to.deep.equal(accounts.slice(0, 32));
        await expect(registry.connect(owner).setPublisher(MODEL, accounts[32], true))
          .to.be.revertedWithCustomError(registry, "RegistryTooManyPublishers")
          .withArgs(MODEL, 32);
        expect(await registry.canPublish(MODEL, accounts[32])).to.equal(false);
        // Re-granting a current publisher of a full set says it changes nothing, not that the set is full.
        await expect(registry.connect(owner).setPublisher(MODEL, accounts[5], true))
          .to.be.revertedWithCustomError(registry, "RegistryPublisherUnchanged")
          .withArgs(MODEL, accounts[5], true);

        // A revocation makes room again.
        await registry.connect(owner).setPublisher(MODEL, accounts[0], false);
        await expect(registry.connect(owner).setPublisher(MODEL, accounts[32], true))
          .to.emit(registry, "PublisherSet")
          .withArgs(MODEL, accounts[32], true);
        expect((await registry.publishers(MODEL)).length).to.equal(32);
      });

      it("counts the limit per model", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await registry.connect(owner).register("second", METADATA, LICENSE);
        const accounts = addresses(32);
        for (const account of accounts) await registry.connect(owner).setPublisher(MODEL, account, true);
        await expect(registry.connect(owner).setPublisher(2, accounts[0], true))
          .to.emit(registry, "PublisherSet")
          .withArgs(2, accounts[0], true);
        expect(await registry.canPublish(2, accounts[1])).to.equal(false);
      });
    });

    describe("when the owner revokes", function () {
      it("emits PublisherSet and takes the right away", async function () {
        const { registry, owner, alice } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).setPublisher(MODEL, alice, false))
          .to.emit(registry, "PublisherSet")
          .withArgs(MODEL, alice.address, false);
        expect(await registry.canPublish(MODEL, alice)).to.equal(false);
        expect(await registry.publishers(MODEL)).to.deep.equal([]);
        await expect(registry.connect(alice).publish(MODEL, versionParams("v2")))
          .to.be.revertedWithCustomError(registry, "RegistryNotPublisher")
          .withArgs(MODEL, alice.address);
      });

      it("refuses a revocation that changes nothing", async function () {
        const { registry, owner, bob } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).setPublisher(MODEL, bob, false))
          .to.be.revertedWithCustomError(registry, "RegistryPublisherUnchanged")
          .withArgs(MODEL, bob.address, false);
      });

      it("keeps the other publishers, in set order", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        const [a, b, c] = addresses(3);
        for (const account of [a, b, c]) await registry.connect(owner).setPublisher(MODEL, account, true);
        await registry.connect(owner).setPublisher(MODEL, a, false);
        // EnumerableSet moves the last entry into the removed slot.
        expect(await registry.publishers(MODEL)).to.deep.equal([c, b]);
      });
    });

    describe("when the caller is an approved operator", function () {
      it("lets a token-approved account and an operator grant and revoke", async function () {
        const { registry, owner, alice, bob, carol } = await loadFixture(registeredFixture);
        await registry.connect(owner).approve(alice, MODEL);
        await registry.connect(owner).setApprovalForAll(bob, true);
        await expect(registry.connect(alice).setPublisher(MODEL, carol, true))
          .to.emit(registry, "PublisherSet")
          .withArgs(MODEL, carol.address, true);
        await expect(registry.connect(bob).setPublisher(MODEL, carol, false))
          .to.emit(registry, "PublisherSet")
          .withArgs(MODEL, carol.address, false);
      });
    });

    describe("when the caller may not manage the model", function () {
      it("refuses a stranger", async function () {
        const { registry, stranger } = await loadFixture(registeredFixture);
        await expect(registry.connect(stranger).setPublisher(MODEL, stranger, true))
          .to.be.revertedWithCustomError(registry, "RegistryNotModelOwner")
          .withArgs(MODEL, stranger.address);
      });

      it("refuses an authorised publisher", async function () {
        const { registry, alice, bob } = await loadFixture(publishedFixture);
        await expect(registry.connect(alice).setPublisher(MODEL, bob, true))
          .to.be.revertedWithCustomError(registry, "RegistryNotModelOwner")
          .withArgs(MODEL, alice.address);
      });

      it("refuses an unknown model", async function () {
        const { registry, owner, alice } = await loadFixture(registeredFixture);
        await expect(registry.connect(owner).setPublisher(7, alice, true))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(7);
      });
    });

    describe("when the model is transferred", function () {
      it("keeps the grants; the old owner loses its own right and the new owner gains it", async function () {
        const { registry, owner, alice, carol } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).transferFrom(owner, carol, MODEL))
          .to.emit(registry, "Transfer")
          .withArgs(owner.address, carol.address, MODEL);
        expect(await registry.canPublish(MODEL, alice)).to.equal(true);
        expect(await registry.canPublish(MODEL, owner)).to.equal(false);
        expect(await registry.canPublish(MODEL, carol)).to.equal(true);
        expect(await registry.publishers(MODEL)).to.deep.equal([alice.address]);
        await expect(registry.connect(alice).publish(MODEL, versionParams("after-transfer")))
          .to.emit(registry, "VersionPublished")
          .withArgs(MODEL, 2, alice.address, paramsArg(versionParams("after-transfer")));
        await expect(registry.connect(owner).publish(MODEL, versionParams("old-owner")))
          .to.be.revertedWithCustomError(registry, "RegistryNotPublisher")
          .withArgs(MODEL, owner.address);
      });

      it("lets the new owner revoke, and not the old one", async function () {
        const { registry, owner, alice, carol } = await loadFixture(publishedFixture);
        await registry.connect(owner).transferFrom(owner, carol, MODEL);
        await expect(registry.connect(owner).setPublisher(MODEL, alice, false))
          .to.be.revertedWithCustomError(registry, "RegistryNotModelOwner")
          .withArgs(MODEL, owner.address);
        await expect(registry.connect(carol).setPublisher(MODEL, alice, false))
          .to.emit(registry, "PublisherSet")
          .withArgs(MODEL, alice.address, false);
        expect(await registry.canPublish(MODEL, alice)).to.equal(false);
      });
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe("publish", function () {
    describe("when the owner publishes a plain version", function () {
      it("returns index 0, emits VersionPublished with the params and stores the version", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        const p = versionParams("v1.0.0");
        expect(await registry.connect(owner).publish.staticCall(MODEL, p)).to.equal(0);
        await time.increase(3600);
        await expect(registry.connect(owner).publish(MODEL, p))
          .to.emit(registry, "VersionPublished")
          .withArgs(MODEL, 0, owner.address, paramsArg(p));
        const v = await expectVersion(registry, MODEL, 0n, p, owner);
        expect(v.publishedAt).to.equal(await time.latest());
        expect(v.configCid).to.equal("0x");
        expect((await registry.getModel(MODEL)).versionCount).to.equal(1);
      });

      it("appends: the next version gets the next index", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        const p = versionParams("v2.0.0");
        expect(await registry.connect(owner).publish.staticCall(MODEL, p)).to.equal(2);
        await expect(registry.connect(owner).publish(MODEL, p))
          .to.emit(registry, "VersionPublished")
          .withArgs(MODEL, 2, owner.address, paramsArg(p));
        expect((await registry.getModel(MODEL)).versionCount).to.equal(3);
      });
    });

    describe("when others publish", function () {
      it("accepts an authorised publisher and records it as the publisher", async function () {
        const { registry, alice, second } = await loadFixture(publishedFixture);
        await expectVersion(registry, MODEL, 1n, second, alice);
      });

      it("accepts an account approved for the token", async function () {
        const { registry, owner, bob } = await loadFixture(registeredFixture);
        await registry.connect(owner).approve(bob, MODEL);
        expect(await registry.canPublish(MODEL, bob)).to.equal(true);
        const p = versionParams("by-approved");
        await expect(registry.connect(bob).publish(MODEL, p))
          .to.emit(registry, "VersionPublished")
          .withArgs(MODEL, 0, bob.address, paramsArg(p));
      });

      it("accepts an operator of the owner", async function () {
        const { registry, owner, carol } = await loadFixture(registeredFixture);
        await registry.connect(owner).setApprovalForAll(carol, true);
        const p = versionParams("by-operator");
        await expect(registry.connect(carol).publish(MODEL, p))
          .to.emit(registry, "VersionPublished")
          .withArgs(MODEL, 0, carol.address, paramsArg(p));
        await expectVersion(registry, MODEL, 0n, p, carol);
      });

      it("refuses a stranger", async function () {
        const { registry, stranger } = await loadFixture(publishedFixture);
        await expect(registry.connect(stranger).publish(MODEL, versionParams("v9")))
          .to.be.revertedWithCustomError(registry, "RegistryNotPublisher")
          .withArgs(MODEL, stranger.address);
      });

      it("refuses the publisher of another model", async function () {
        const { registry, owner, alice } = await loadFixture(publishedFixture);
        await registry.connect(owner).register("second", METADATA, LICENSE);
        await expect(registry.connect(alice).publish(2, versionParams("v9")))
          .to.be.revertedWithCustomError(registry, "RegistryNotPublisher")
          .withArgs(2, alice.address);
      });
    });

    describe("when the model does not exist", function () {
      it("refuses with RegistryUnknownModel", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await expect(registry.connect(owner).publish(2, versionParams("v1")))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(2);
        await expect(registry.connect(owner).publish(0, versionParams("v1")))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(0);
      });
    });

    describe("when the tag", function () {
      for (const tag of ["v1.2.0-rc.1+build_7", "A", "0", "x".repeat(31), "2026-11-tiny"]) {
        it(`is "${tag}", accepts it and finds the version by it`, async function () {
          const { registry, owner } = await loadFixture(registeredFixture);
          await registry.connect(owner).publish(MODEL, versionParams(tag));
          expect((await registry.getVersionByTag(MODEL, tag)).index).to.equal(0);
          expect((await registry.getVersion(MODEL, 0)).tag).to.equal(tag);
        });
      }

      const invalid: [string, string][] = [
        ["is empty", ""],
        ["has 32 chars", "x".repeat(32)],
        ["has a space", "v 1"],
        ["has a slash", "v1/2"],
        ["has an @", "v1@2"],
        ["has a colon", "v1:2"],
        ["is non-ASCII", "vé"],
      ];
      for (const [name, tag] of invalid) {
        it(`${name}, refuses it`, async function () {
          const { registry, owner } = await loadFixture(registeredFixture);
          await expect(registry.connect(owner).publish(MODEL, versionParams(tag)))
            .to.be.revertedWithCustomError(registry, "RegistryInvalidTag")
            .withArgs(tag);
        });
      }

      it("is taken, refuses it and names the version that holds it", async function () {
        const { registry, owner, alice } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).publish(MODEL, versionParams("v1.1.0")))
          .to.be.revertedWithCustomError(registry, "RegistryTagTaken")
          .withArgs(MODEL, "v1.1.0", 1);
        await expect(registry.connect(alice).publish(MODEL, versionParams("v1.0.0")))
          .to.be.revertedWithCustomError(registry, "RegistryTagTaken")
          .withArgs(MODEL, "v1.0.0", 0);
      });

      it("is taken by a deprecated version, still refuses it", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).deprecate(MODEL, 0, "broken");
        await expect(registry.connect(owner).publish(MODEL, versionParams("v1.0.0")))
          .to.be.revertedWithCustomError(registry, "RegistryTagTaken")
          .withArgs(MODEL, "v1.0.0", 0);
      });

      it("differs only in case, accepts it", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).publish(MODEL, versionParams("V1.0.0")))
          .to.emit(registry, "VersionPublished")
          .withArgs(MODEL, 2, owner.address, paramsArg(versionParams("V1.0.0")));
      });

      it("is used by another model, accepts it", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).register("second", METADATA, LICENSE);
        await registry.connect(owner).publish(2, versionParams("v1.0.0"));
        expect((await registry.getVersionByTag(2, "v1.0.0")).model).to.equal(2);
        expect((await registry.getVersionByTag(MODEL, "v1.0.0")).model).to.equal(MODEL);
      });
    });

    describe("when the weights CID", function () {
      it("is empty, refuses it", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await expect(
          registry.connect(owner).publish(MODEL, versionParams("v1", { weightsCid: "0x" })),
        ).to.be.revertedWithCustomError(registry, "CidEmpty");
      });

      it("is invalid, refuses it with the CID error", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await expect(
          registry
            .connect(owner)
            .publish(MODEL, versionParams("v1", { weightsCid: withHeader(0x01, 0x55, 0x14, 0x20) })),
        )
          .to.be.revertedWithCustomError(registry, "CidUnsupportedHash")
          .withArgs(0x14);
      });
    });

    describe("when the config CID", function () {
      it("is empty, stores none", async function () {
        const { registry, owner, first } = await loadFixture(publishedFixture);
        expect((await expectVersion(registry, MODEL, 0n, first, owner)).configCid).to.equal("0x");
      });

      it("is given, stores it", async function () {
        const { registry, alice, second } = await loadFixture(publishedFixture);
        expect((await registry.getVersion(MODEL, 1)).configCid).to.equal(second.configCid);
        expect(second.configCid).to.not.equal("0x");
        await expectVersion(registry, MODEL, 1n, second, alice);
      });

      it("is invalid, refuses it", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await expect(
          registry
            .connect(owner)
            .publish(MODEL, versionParams("v1", { configCid: ethers.concat(["0x1220", DIGEST_31]) })),
        )
          .to.be.revertedWithCustomError(registry, "CidInvalidLength")
          .withArgs(33);
      });
    });

    describe("when a parent is named", function () {
      it("links to an earlier version of the same model", async function () {
        const { registry } = await loadFixture(publishedFixture);
        const v = await registry.getVersion(MODEL, 1);
        expect(v.hasParent).to.equal(true);
        expect([v.parent.model, v.parent.index]).to.deep.equal([MODEL, 0n]);
      });

      it("links to a version of another model", async function () {
        const { registry, alice } = await loadFixture(publishedFixture);
        await registry.connect(alice).register("fine-tune", cidV0("ft"), "MIT");
        const p = versionParams("ft-1", { parent: { model: MODEL, index: 1 } });
        await expect(registry.connect(alice).publish(2, p))
          .to.emit(registry, "VersionPublished")
          .withArgs(2, 0, alice.address, paramsArg(p));
        await expectVersion(registry, 2n, 0n, p, alice);
      });

      it("ignores the index when the parent model is 0", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        const p = versionParams("orphan", { parent: { model: 0, index: 5 } });
        await expect(registry.connect(owner).publish(MODEL, p))
          .to.emit(registry, "VersionPublished")
          .withArgs(MODEL, 2, owner.address, paramsArg(p));
        const v = await registry.getVersion(MODEL, 2);
        expect([v.hasParent, v.parent.model, v.parent.index]).to.deep.equal([false, 0n, 0n]);
      });

      it("refuses an unknown parent model", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).publish(MODEL, versionParams("v2", { parent: { model: 9, index: 0 } })))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownParent")
          .withArgs(9, 0);
      });

      it("refuses a parent model without versions", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).register("empty", METADATA, LICENSE);
        await expect(registry.connect(owner).publish(MODEL, versionParams("v2", { parent: { model: 2, index: 0 } })))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownParent")
          .withArgs(2, 0);
      });

      it("refuses an unknown parent index", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await expect(
          registry.connect(owner).publish(MODEL, versionParams("v2", { parent: { model: MODEL, index: 3 } })),
        )
          .to.be.revertedWithCustomError(registry, "RegistryUnknownParent")
          .withArgs(MODEL, 3);
      });

      it("refuses the version being published as its own parent", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await expect(
          registry.connect(owner).publish(MODEL, versionParams("v2", { parent: { model: MODEL, index: 2 } })),
        )
          .to.be.revertedWithCustomError(registry, "RegistryUnknownParent")
          .withArgs(MODEL, 2);
      });

      it("refuses a model's first version as its own parent", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await expect(
          registry.connect(owner).publish(MODEL, versionParams("v0", { parent: { model: MODEL, index: 0 } })),
        )
          .to.be.revertedWithCustomError(registry, "RegistryUnknownParent")
          .withArgs(MODEL, 0);
      });
    });

    describe("when datasets are listed", function () {
      it("stores them in order", async function () {
        const { registry, alice, second } = await loadFixture(publishedFixture);
        expect((await registry.getVersion(MODEL, 1)).datasetCids).to.deep.equal(second.datasetCids);
        await expectVersion(registry, MODEL, 1n, second, alice);
      });

      it("accepts 16", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        const datasets = Array.from({ length: 16 }, (_, i) => (i % 2 ? cidV0(`ds ${i}`) : rawCid(`ds ${i}`)));
        const p = versionParams("v1", { datasetCids: datasets });
        await expect(registry.connect(owner).publish(MODEL, p))
          .to.emit(registry, "VersionPublished")
          .withArgs(MODEL, 0, owner.address, paramsArg(p));
        expect((await registry.getVersion(MODEL, 0)).datasetCids).to.deep.equal(datasets);
      });

      it("refuses 17", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        const datasets = Array.from({ length: 17 }, (_, i) => rawCid(`ds ${i}`));
        await expect(registry.connect(owner).publish(MODEL, versionParams("v1", { datasetCids: datasets })))
          .to.be.revertedWithCustomError(registry, "RegistryTooManyDatasets")
          .withArgs(17, 16);
      });

      it("refuses an invalid dataset CID anywhere in the list", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        const datasets = [rawCid("ok"), rawCid("ok 2"), withHeader(0x01, 0x55, 0x12, 0x21)];
        await expect(registry.connect(owner).publish(MODEL, versionParams("v1", { datasetCids: datasets })))
          .to.be.revertedWithCustomError(registry, "CidInvalidDigestLength")
          .withArgs(0x21);
      });

      it("refuses an empty dataset CID", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await expect(
          registry.connect(owner).publish(MODEL, versionParams("v1", { datasetCids: [rawCid("ok"), "0x"] })),
        ).to.be.revertedWithCustomError(registry, "CidEmpty");
      });
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe("deprecate", function () {
    const REASON = "Tokenizer bug: use v1.1.0";

    describe("when a publisher deprecates a live version", function () {
      it("emits VersionDeprecated and marks the version with the reason", async function () {
        const { registry, alice } = await loadFixture(publishedFixture);
        await expect(registry.connect(alice).deprecate(MODEL, 0, REASON))
          .to.emit(registry, "VersionDeprecated")
          .withArgs(MODEL, 0, alice.address, REASON);
        const v = await registry.getVersion(MODEL, 0);
        expect(v.deprecated).to.equal(true);
        expect(v.deprecationReason).to.equal(REASON);
        expect((await registry.getVersion(MODEL, 1)).deprecated).to.equal(false);
      });

      it("accepts the owner and an approved operator", async function () {
        const { registry, owner, bob } = await loadFixture(publishedFixture);
        await registry.connect(owner).setApprovalForAll(bob, true);
        await expect(registry.connect(owner).deprecate(MODEL, 0, REASON))
          .to.emit(registry, "VersionDeprecated")
          .withArgs(MODEL, 0, owner.address, REASON);
        await expect(registry.connect(bob).deprecate(MODEL, 1, "old"))
          .to.emit(registry, "VersionDeprecated")
          .withArgs(MODEL, 1, bob.address, "old");
      });

      it("accepts a reason of exactly 280 bytes, counted in bytes", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        const reason = "é".repeat(140); // 280 bytes in UTF-8
        await expect(registry.connect(owner).deprecate(MODEL, 0, reason))
          .to.emit(registry, "VersionDeprecated")
          .withArgs(MODEL, 0, owner.address, reason);
        expect((await registry.getVersion(MODEL, 0)).deprecationReason).to.equal(reason);
      });

      it("accepts a one-byte reason", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).deprecate(MODEL, 0, "x");
        expect((await registry.getVersion(MODEL, 0)).deprecationReason).to.equal("x");
      });
    });

    describe("when the reason is invalid", function () {
      for (const [name, reason, length] of [
        ["empty", "", 0],
        ["281 bytes", "a".repeat(281), 281],
        ["141 two-byte chars", "é".repeat(141), 282],
      ] as const) {
        it(`refuses a reason that is ${name}`, async function () {
          const { registry, owner } = await loadFixture(publishedFixture);
          await expect(registry.connect(owner).deprecate(MODEL, 0, reason))
            .to.be.revertedWithCustomError(registry, "RegistryInvalidReason")
            .withArgs(length, 280);
        });
      }
    });

    describe("when the version is already deprecated", function () {
      it("refuses and keeps the first reason", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).deprecate(MODEL, 0, REASON);
        await expect(registry.connect(owner).deprecate(MODEL, 0, "again"))
          .to.be.revertedWithCustomError(registry, "RegistryAlreadyDeprecated")
          .withArgs(MODEL, 0);
        expect((await registry.getVersion(MODEL, 0)).deprecationReason).to.equal(REASON);
      });
    });

    describe("when the caller or the target is wrong", function () {
      it("refuses a stranger", async function () {
        const { registry, stranger } = await loadFixture(publishedFixture);
        await expect(registry.connect(stranger).deprecate(MODEL, 0, REASON))
          .to.be.revertedWithCustomError(registry, "RegistryNotPublisher")
          .withArgs(MODEL, stranger.address);
      });

      it("refuses an unknown version", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).deprecate(MODEL, 2, REASON))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownVersion")
          .withArgs(MODEL, 2, 2);
      });

      it("refuses an unknown model", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).deprecate(5, 0, REASON))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(5);
      });
    });
  });

  describe("undeprecate", function () {
    describe("when the version is deprecated", function () {
      it("emits VersionUndeprecated and clears the flag and the reason", async function () {
        const { registry, owner, alice } = await loadFixture(publishedFixture);
        await registry.connect(owner).deprecate(MODEL, 1, "bad");
        await expect(registry.connect(alice).undeprecate(MODEL, 1))
          .to.emit(registry, "VersionUndeprecated")
          .withArgs(MODEL, 1, alice.address);
        const v = await registry.getVersion(MODEL, 1);
        expect(v.deprecated).to.equal(false);
        expect(v.deprecationReason).to.equal("");
      });

      it("lets the version be deprecated again with a new reason", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).deprecate(MODEL, 1, "first reason, quite long");
        await registry.connect(owner).undeprecate(MODEL, 1);
        await registry.connect(owner).deprecate(MODEL, 1, "second");
        expect((await registry.getVersion(MODEL, 1)).deprecationReason).to.equal("second");
      });
    });

    describe("when the version is not deprecated", function () {
      it("refuses with RegistryNotDeprecated", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).undeprecate(MODEL, 0))
          .to.be.revertedWithCustomError(registry, "RegistryNotDeprecated")
          .withArgs(MODEL, 0);
      });
    });

    describe("when the caller or the target is wrong", function () {
      it("refuses a stranger", async function () {
        const { registry, owner, stranger } = await loadFixture(publishedFixture);
        await registry.connect(owner).deprecate(MODEL, 0, "bad");
        await expect(registry.connect(stranger).undeprecate(MODEL, 0))
          .to.be.revertedWithCustomError(registry, "RegistryNotPublisher")
          .withArgs(MODEL, stranger.address);
      });

      it("refuses an unknown version", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).undeprecate(MODEL, 7))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownVersion")
          .withArgs(MODEL, 7, 2);
      });

      it("refuses an unknown model", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await expect(registry.connect(owner).undeprecate(0, 0))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(0);
      });
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe("views", function () {
    describe("getModel", function () {
      it("follows the owner through a safe transfer", async function () {
        const { registry, owner, bob } = await loadFixture(registeredFixture);
        await expect(registry.connect(owner)["safeTransferFrom(address,address,uint256)"](owner, bob, MODEL))
          .to.emit(registry, "Transfer")
          .withArgs(owner.address, bob.address, MODEL);
        expect((await registry.getModel(MODEL)).owner).to.equal(bob.address);
      });

      it("counts versions", async function () {
        const { registry } = await loadFixture(publishedFixture);
        expect((await registry.getModel(MODEL)).versionCount).to.equal(2);
      });

      for (const id of [0n, 2n]) {
        it(`refuses unknown model ${id}`, async function () {
          const { registry } = await loadFixture(registeredFixture);
          await expect(registry.getModel(id))
            .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
            .withArgs(id);
        });
      }
    });

    describe("getModelBySlug", function () {
      it("returns what getModel returns", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await registry.connect(owner).register("second", cidV0("2"), "MIT");
        expect(await registry.getModelBySlug("second")).to.deep.equal(await registry.getModel(2));
        expect((await registry.getModelBySlug(SLUG)).id).to.equal(MODEL);
      });

      for (const slug of ["unknown", "", "Llama-Tiny", "llama-tiny-"]) {
        it(`refuses the unregistered slug "${slug}"`, async function () {
          const { registry } = await loadFixture(registeredFixture);
          await expect(registry.getModelBySlug(slug))
            .to.be.revertedWithCustomError(registry, "RegistryUnknownSlug")
            .withArgs(slug);
        });
      }
    });

    describe("modelIdOf and modelCount", function () {
      it("map slugs to ids and 0 for none", async function () {
        const { registry, alice } = await loadFixture(registeredFixture);
        expect(await registry.modelIdOf(SLUG)).to.equal(MODEL);
        expect(await registry.modelIdOf("nope")).to.equal(0);
        expect(await registry.modelIdOf("")).to.equal(0);
        expect(await registry.modelCount()).to.equal(1);
        await registry.connect(alice).register("nope", METADATA, LICENSE);
        expect(await registry.modelIdOf("nope")).to.equal(2);
        expect(await registry.modelCount()).to.equal(2);
      });
    });

    describe("getVersion", function () {
      it("refuses an index past the end, naming the count", async function () {
        const { registry } = await loadFixture(publishedFixture);
        await expect(registry.getVersion(MODEL, 2))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownVersion")
          .withArgs(MODEL, 2, 2);
        await expect(registry.getVersion(MODEL, 2n ** 64n - 1n))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownVersion")
          .withArgs(MODEL, 2n ** 64n - 1n, 2);
      });

      it("refuses any index of a model without versions", async function () {
        const { registry } = await loadFixture(registeredFixture);
        await expect(registry.getVersion(MODEL, 0))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownVersion")
          .withArgs(MODEL, 0, 0);
      });

      it("refuses an unknown model", async function () {
        const { registry } = await loadFixture(publishedFixture);
        await expect(registry.getVersion(3, 0))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(3);
      });
    });

    describe("getVersionByTag", function () {
      it("returns the same version as getVersion", async function () {
        const { registry } = await loadFixture(publishedFixture);
        expect(await registry.getVersionByTag(MODEL, "v1.1.0")).to.deep.equal(await registry.getVersion(MODEL, 1));
        expect(await registry.getVersionByTag(MODEL, "v1.0.0")).to.deep.equal(await registry.getVersion(MODEL, 0));
      });

      it("shows the deprecation of the version", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).deprecate(MODEL, 1, "why");
        const v = await registry.getVersionByTag(MODEL, "v1.1.0");
        expect([v.deprecated, v.deprecationReason]).to.deep.equal([true, "why"]);
      });

      for (const tag of ["v9", "V1.0.0", "", "x".repeat(32), "x".repeat(100), "v 1"]) {
        it(`refuses the unknown or invalid tag "${tag.length > 20 ? `${tag.length} chars` : tag}"`, async function () {
          const { registry } = await loadFixture(publishedFixture);
          await expect(registry.getVersionByTag(MODEL, tag))
            .to.be.revertedWithCustomError(registry, "RegistryUnknownTag")
            .withArgs(MODEL, tag);
        });
      }

      it("does not find a tag of another model", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).register("second", METADATA, LICENSE);
        await expect(registry.getVersionByTag(2, "v1.0.0"))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownTag")
          .withArgs(2, "v1.0.0");
      });

      it("refuses an unknown model", async function () {
        const { registry } = await loadFixture(publishedFixture);
        await expect(registry.getVersionByTag(2, "v1.0.0"))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(2);
      });
    });

    describe("latestVersion", function () {
      it("returns the newest version", async function () {
        const { registry } = await loadFixture(publishedFixture);
        expect(await registry.latestVersion(MODEL)).to.deep.equal(await registry.getVersion(MODEL, 1));
      });

      it("skips trailing deprecated versions and comes back after undeprecate", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).publish(MODEL, versionParams("v2"));
        await registry.connect(owner).deprecate(MODEL, 2, "bad");
        await registry.connect(owner).deprecate(MODEL, 1, "bad too");
        expect((await registry.latestVersion(MODEL)).index).to.equal(0);
        await registry.connect(owner).undeprecate(MODEL, 2);
        expect((await registry.latestVersion(MODEL)).index).to.equal(2);
      });

      it("ignores a deprecated version before the newest", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).deprecate(MODEL, 0, "old");
        expect((await registry.latestVersion(MODEL)).tag).to.equal("v1.1.0");
      });

      it("refuses when every version is deprecated", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        await registry.connect(owner).deprecate(MODEL, 0, "a");
        await registry.connect(owner).deprecate(MODEL, 1, "b");
        await expect(registry.latestVersion(MODEL))
          .to.be.revertedWithCustomError(registry, "RegistryNoLiveVersion")
          .withArgs(MODEL);
      });

      it("refuses when there is no version", async function () {
        const { registry } = await loadFixture(registeredFixture);
        await expect(registry.latestVersion(MODEL))
          .to.be.revertedWithCustomError(registry, "RegistryNoLiveVersion")
          .withArgs(MODEL);
      });

      it("refuses an unknown model", async function () {
        const { registry } = await loadFixture(registeredFixture);
        await expect(registry.latestVersion(4))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(4);
      });
    });

    describe("latestLiveIndex", function () {
      it("names the newest live version's index, skipping trailing deprecated ones, as latestVersion does", async function () {
        const { registry, owner } = await loadFixture(publishedFixture);
        expect(await registry.latestLiveIndex(MODEL)).to.deep.equal([true, 1n]);
        await registry.connect(owner).publish(MODEL, versionParams("v2"));
        await registry.connect(owner).deprecate(MODEL, 2, "bad");
        expect(await registry.latestLiveIndex(MODEL)).to.deep.equal([true, 1n]);
        await registry.connect(owner).deprecate(MODEL, 1, "bad too");
        expect(await registry.latestLiveIndex(MODEL)).to.deep.equal([true, 0n]);
        await registry.connect(owner).deprecate(MODEL, 0, "all");
        expect(await registry.latestLiveIndex(MODEL)).to.deep.equal([false, 0n]);
        await registry.connect(owner).undeprecate(MODEL, 2);
        expect(await registry.latestLiveIndex(MODEL)).to.deep.equal([true, 2n]);
      });

      it("says none for a model without versions and refuses an unknown model", async function () {
        const { registry } = await loadFixture(registeredFixture);
        expect(await registry.latestLiveIndex(MODEL)).to.deep.equal([false, 0n]);
        await expect(registry.latestLiveIndex(4))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(4);
      });
    });

    describe("getVersions", function () {
      const pages: [string, bigint, bigint, number[]][] = [
        ["everything", 0n, 100n, [0, 1, 2]],
        ["the first two", 0n, 2n, [0, 1]],
        ["from the middle", 1n, 100n, [1, 2]],
        ["the last one", 2n, 1n, [2]],
        ["nothing for limit 0", 1n, 0n, []],
        ["nothing at the end", 3n, 10n, []],
        ["nothing past the end", 10n, 10n, []],
        ["nothing at the largest offset", 2n ** 64n - 1n, 100n, []],
      ];
      for (const [name, offset, limit, expected] of pages) {
        it(`returns ${name} (offset ${offset}, limit ${limit})`, async function () {
          const { registry, owner } = await loadFixture(publishedFixture);
          await registry.connect(owner).publish(MODEL, versionParams("v2"));
          const page = await registry.getVersions(MODEL, offset, limit);
          expect(page.map((v) => v.index)).to.deep.equal(expected.map(BigInt));
          for (const v of page) expect(v).to.deep.equal(await registry.getVersion(MODEL, v.index));
        });
      }

      it("returns at most 100 versions and refuses a limit of 101", async function () {
        const { registry } = await loadFixture(manyVersionsFixture);
        const page = await registry.getVersions(MODEL, 0, 100);
        expect(page.length).to.equal(100);
        expect(page[99].tag).to.equal("t99");
        const rest = await registry.getVersions(MODEL, 100, 100);
        expect(rest.map((v) => v.tag)).to.deep.equal(["t100"]);
        await expect(registry.getVersions(MODEL, 0, 101))
          .to.be.revertedWithCustomError(registry, "RegistryPageTooLarge")
          .withArgs(101, 100);
        await expect(registry.getVersions(MODEL, 0, 2n ** 64n - 1n))
          .to.be.revertedWithCustomError(registry, "RegistryPageTooLarge")
          .withArgs(2n ** 64n - 1n, 100);
      });

      it("refuses an unknown model", async function () {
        const { registry } = await loadFixture(registeredFixture);
        await expect(registry.getVersions(2, 0, 10))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(2);
      });
    });

    describe("lineage", function () {
      it("follows parents across models, nearest first", async function () {
        const { registry } = await loadFixture(lineageFixture);
        const chain = await registry.lineage(3, 0, 10);
        expect(chain.map((r) => [r.model, r.index])).to.deep.equal([
          [2n, 0n],
          [1n, 1n],
          [1n, 0n],
        ]);
      });

      it("stops after maxDepth steps", async function () {
        const { registry } = await loadFixture(lineageFixture);
        expect((await registry.lineage(3, 0, 2)).map((r) => [r.model, r.index])).to.deep.equal([
          [2n, 0n],
          [1n, 1n],
        ]);
        expect((await registry.lineage(3, 0, 1)).map((r) => [r.model, r.index])).to.deep.equal([[2n, 0n]]);
        expect(await registry.lineage(3, 0, 0)).to.deep.equal([]);
      });

      it("returns the whole chain for the largest maxDepth", async function () {
        const { registry } = await loadFixture(lineageFixture);
        expect((await registry.lineage(3, 0, ethers.MaxUint256)).length).to.equal(3);
        expect((await registry.lineage(2, 0, ethers.MaxUint256)).map((r) => [r.model, r.index])).to.deep.equal([
          [1n, 1n],
          [1n, 0n],
        ]);
      });

      it("is empty for a root version", async function () {
        const { registry } = await loadFixture(lineageFixture);
        expect(await registry.lineage(1, 0, 10)).to.deep.equal([]);
      });

      it("refuses an unknown version", async function () {
        const { registry } = await loadFixture(lineageFixture);
        await expect(registry.lineage(4, 0, 10))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownVersion")
          .withArgs(4, 0, 0);
        await expect(registry.lineage(1, 2, 10))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownVersion")
          .withArgs(1, 2, 2);
      });

      it("refuses an unknown model", async function () {
        const { registry } = await loadFixture(lineageFixture);
        await expect(registry.lineage(5, 0, 10))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(5);
      });
    });

    describe("canPublish", function () {
      it("is true for the owner, approved accounts, operators and publishers, false for others", async function () {
        const { registry, owner, alice, bob, carol, stranger } = await loadFixture(publishedFixture);
        await registry.connect(owner).approve(bob, MODEL);
        await registry.connect(owner).setApprovalForAll(carol, true);
        expect(await registry.canPublish(MODEL, owner)).to.equal(true);
        expect(await registry.canPublish(MODEL, alice)).to.equal(true);
        expect(await registry.canPublish(MODEL, bob)).to.equal(true);
        expect(await registry.canPublish(MODEL, carol)).to.equal(true);
        expect(await registry.canPublish(MODEL, stranger)).to.equal(false);
        expect(await registry.canPublish(MODEL, ethers.ZeroAddress)).to.equal(false);
      });

      it("refuses an unknown model", async function () {
        const { registry, owner } = await loadFixture(registeredFixture);
        await expect(registry.canPublish(2, owner))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(2);
      });
    });

    describe("publishers", function () {
      it("lists the granted accounts in grant order", async function () {
        const { registry, owner, alice, bob, carol } = await loadFixture(registeredFixture);
        expect(await registry.publishers(MODEL)).to.deep.equal([]);
        for (const s of [carol, alice, bob]) await registry.connect(owner).setPublisher(MODEL, s, true);
        expect(await registry.publishers(MODEL)).to.deep.equal([carol.address, alice.address, bob.address]);
      });

      it("refuses an unknown model", async function () {
        const { registry } = await loadFixture(registeredFixture);
        await expect(registry.publishers(2))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownModel")
          .withArgs(2);
      });
    });

    describe("tokenURI", function () {
      it("is ipfs:// and the CIDv1 dag-pb equivalent of a CIDv0 model card", async function () {
        const { registry } = await loadFixture(registeredFixture);
        const uri = await registry.tokenURI(MODEL);
        expect(uri).to.equal(ipfsUri(METADATA));
        expect(uri).to.equal(`ipfs://${CID.createV1(CODECS["dag-pb"], Digest.create(0x12, digestOf("model card")))}`);
        expect(uri).to.match(/^ipfs:\/\/bafybei[a-z2-7]{52}$/);
      });

      it("refuses an unknown token", async function () {
        const { registry } = await loadFixture(registeredFixture);
        await expect(registry.tokenURI(2)).to.be.revertedWithCustomError(registry, "RegistryUnknownModel").withArgs(2);
      });
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe("CID round trip", function () {
    for (const form of CID_FORMS) {
      describe(`when every CID is a ${form.name}`, function () {
        it("returns each one byte for byte and shows the card as base32 CIDv1", async function () {
          const { registry, owner } = await loadFixture(registeredFixture);
          const card = form.make("card");
          await expect(registry.connect(owner).register("round-trip", card, "MIT"))
            .to.emit(registry, "ModelRegistered")
            .withArgs(2, owner.address, "round-trip", card, "MIT");
          expect((await registry.getModelBySlug("round-trip")).metadataCid).to.equal(card);
          expect(await registry.tokenURI(2)).to.equal(ipfsUri(card));

          const updated = form.make("card 2");
          await registry.connect(owner).setMetadata(MODEL, updated);
          expect((await registry.getModel(MODEL)).metadataCid).to.equal(updated);
          expect(await registry.tokenURI(MODEL)).to.equal(ipfsUri(updated));

          const p = versionParams("v1", {
            weightsCid: form.make("weights"),
            configCid: form.make("config"),
            datasetCids: [form.make("dataset 1"), form.make("dataset 2")],
          });
          await registry.connect(owner).publish(MODEL, p);
          await expectVersion(registry, MODEL, 0n, p, owner);
          const byTag = await registry.getVersionByTag(MODEL, "v1");
          const latest = await registry.latestVersion(MODEL);
          const [paged] = await registry.getVersions(MODEL, 0, 1);
          for (const v of [byTag, latest, paged]) {
            expect([v.weightsCid, v.configCid, v.datasetCids]).to.deep.equal([
              p.weightsCid,
              p.configCid,
              p.datasetCids,
            ]);
          }
        });
      });
    }
  });
});
