import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";

import type { ModelRegistry } from "../../types/typechain/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const SLUG = "llama-tiny";
const LICENSE = "Apache-2.0";
const CARD = ethers.concat(["0x01551220", ethers.id("model card")]);
const MIN_AGE = 60n;
const MAX_AGE = 86_400n;

/** The commitment of `slug` for `owner` with `secret`, computed here as the registry documents it. */
function commitmentOf(slug: string, owner: string, secret: string): string {
  return ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(["string", "address", "bytes32"], [slug, owner, secret]),
  );
}

async function deployFixture() {
  const [owner, alice, attacker, stranger] = await ethers.getSigners();
  const registry: ModelRegistry = await ethers.deployContract("ModelRegistry");
  return { registry, owner, alice, attacker, stranger };
}

/** Alice has committed to registering SLUG with `secret`; the commitment is not revealable yet. */
async function committedFixture() {
  const base = await deployFixture();
  const secret = ethers.id("alice's secret");
  const commitment = commitmentOf(SLUG, base.alice.address, secret);
  await base.registry.connect(base.alice).commitRegistration(commitment);
  const committedAt = BigInt(await time.latest());
  return { ...base, secret, commitment, committedAt };
}

async function reveal(registry: ModelRegistry, who: HardhatEthersSigner, secret: string, slug = SLUG) {
  return registry.connect(who).registerCommitted(slug, CARD, LICENSE, secret);
}

describe("ModelRegistry: registration by commitment", function () {
  it("L-07 a reveal seen in the mempool cannot be overtaken by a one-step registration of its slug", async function () {
    const { registry, alice, attacker, secret, committedAt } = await loadFixture(committedFixture);
    await time.increaseTo(committedAt + MIN_AGE);
    // Both transactions wait in the same block; the attacker pays more to be mined first.
    const send = (from: HardhatEthersSigner, data: string, tip: bigint) =>
      connection.provider.request({
        method: "eth_sendTransaction",
        params: [
          {
            from: from.address,
            to: registry.target,
            data,
            gas: ethers.toQuantity(500_000),
            maxPriorityFeePerGas: ethers.toQuantity(tip),
            maxFeePerGas: ethers.toQuantity(10n ** 11n),
          },
        ],
      }) as Promise<string>;
    await connection.provider.request({ method: "evm_setAutomine", params: [false] });
    let copy: string;
    let revealed: string;
    try {
      copy = await send(attacker, registry.interface.encodeFunctionData("register", [SLUG, CARD, LICENSE]), 10n ** 10n);
      revealed = await send(
        alice,
        registry.interface.encodeFunctionData("registerCommitted", [SLUG, CARD, LICENSE, secret]),
        1n,
      );
      await connection.provider.request({ method: "evm_mine", params: [] });
    } finally {
      await connection.provider.request({ method: "evm_setAutomine", params: [true] });
    }
    const [copied, registered] = await Promise.all([
      ethers.provider.getTransactionReceipt(copy),
      ethers.provider.getTransactionReceipt(revealed),
    ]);
    expect(copied!.blockNumber).to.equal(registered!.blockNumber);
    expect(copied!.index).to.be.lessThan(registered!.index);
    expect(copied!.status).to.equal(0);
    expect(registered!.status).to.equal(1);
    expect(await registry.ownerOf(1n)).to.equal(alice.address);
    expect((await registry.getModelBySlug(SLUG)).owner).to.equal(alice.address);
    expect(await registry.balanceOf(attacker)).to.equal(0n);
    // Once alice's reveal is mined nothing is pending: the attacker may register other slugs in one step.
    await expect(registry.connect(attacker).register("another-slug", CARD, LICENSE)).to.emit(
      registry,
      "ModelRegistered",
    );
  });

  it("L-07 one-step registration is refused while a commitment is pending, naming how many", async function () {
    const { registry, attacker } = await loadFixture(committedFixture);
    await expect(registry.connect(attacker).register(SLUG, CARD, LICENSE))
      .to.be.revertedWithCustomError(registry, "RegistryCommitmentsPending")
      .withArgs(1n);
    await expect(registry.connect(attacker).register("any-other-slug", CARD, LICENSE))
      .to.be.revertedWithCustomError(registry, "RegistryCommitmentsPending")
      .withArgs(1n);
  });

  it("L-07 a commitment is bound to its owner: nobody else can reveal it, even with the secret", async function () {
    const { registry, attacker, secret, committedAt } = await loadFixture(committedFixture);
    await time.increaseTo(committedAt + MIN_AGE);
    await expect(reveal(registry, attacker, secret))
      .to.be.revertedWithCustomError(registry, "RegistryUnknownCommitment")
      .withArgs(commitmentOf(SLUG, attacker.address, secret));
  });

  it("computes commitments as documented", async function () {
    const { registry, alice, secret, commitment } = await loadFixture(committedFixture);
    expect(await registry.makeCommitment(SLUG, alice, secret)).to.equal(commitment);
    expect(await registry.MIN_COMMITMENT_AGE()).to.equal(MIN_AGE);
    expect(await registry.MAX_COMMITMENT_AGE()).to.equal(MAX_AGE);
  });

  it("records a commitment with its window and counts it pending", async function () {
    const { registry, alice } = await loadFixture(deployFixture);
    const commitment = commitmentOf(SLUG, alice.address, ethers.id("s"));
    const tx = registry.connect(alice).commitRegistration(commitment);
    const at = BigInt((await time.latest()) + 1);
    await expect(tx)
      .to.emit(registry, "RegistrationCommitted")
      .withArgs(commitment, at + MIN_AGE, at + MAX_AGE);
    expect(await registry.commitmentTime(commitment)).to.equal(at);
    expect(await registry.pendingCommitments()).to.equal(1n);
  });

  it("reveals from the minimum age to the maximum, minting to the owner and forgetting the commitment", async function () {
    const { registry, alice, secret, commitment, committedAt } = await loadFixture(committedFixture);
    await time.setNextBlockTimestamp(committedAt + MIN_AGE - 1n);
    await expect(reveal(registry, alice, secret))
      .to.be.revertedWithCustomError(registry, "RegistryCommitmentTooNew")
      .withArgs(commitment, committedAt + MIN_AGE);
    await time.setNextBlockTimestamp(committedAt + MIN_AGE);
    const tx = reveal(registry, alice, secret);
    await expect(tx).to.emit(registry, "ModelRegistered").withArgs(1n, alice.address, SLUG, CARD, LICENSE);
    await expect(tx).to.emit(registry, "CommitmentRevealed").withArgs(commitment, 1n);
    expect(await registry.commitmentTime(commitment)).to.equal(0n);
    expect(await registry.pendingCommitments()).to.equal(0n);
    await expect(reveal(registry, alice, secret))
      .to.be.revertedWithCustomError(registry, "RegistryUnknownCommitment")
      .withArgs(commitment);
    // Nothing pending: one-step registration is open again.
    await expect(registry.connect(alice).register("second-model", CARD, LICENSE)).to.emit(registry, "ModelRegistered");
  });

  it("accepts a reveal at the last second, and refuses it after", async function () {
    const { registry, alice, secret, commitment, committedAt } = await loadFixture(committedFixture);
    await time.setNextBlockTimestamp(committedAt + MAX_AGE + 1n);
    await expect(reveal(registry, alice, secret))
      .to.be.revertedWithCustomError(registry, "RegistryCommitmentExpired")
      .withArgs(commitment, committedAt + MAX_AGE);
    const s = await loadFixture(committedFixture);
    await time.setNextBlockTimestamp(s.committedAt + MAX_AGE);
    await expect(reveal(s.registry, s.alice, s.secret)).to.emit(s.registry, "CommitmentRevealed");
  });

  it("keeps the commitment when a reveal is refused for its slug or licence, so nothing is lost", async function () {
    const { registry, owner, alice, committedAt } = await loadFixture(deployFixture).then(async (base) => {
      const at = BigInt(await time.latest());
      return { ...base, committedAt: at };
    });
    // The owner registered the slug in one step before anyone committed; alice commits to it anyway.
    await registry.connect(owner).register(SLUG, CARD, LICENSE);
    const secret = ethers.id("late");
    const commitment = commitmentOf(SLUG, alice.address, secret);
    await registry.connect(alice).commitRegistration(commitment);
    await time.increase(Number(MIN_AGE));
    await expect(reveal(registry, alice, secret))
      .to.be.revertedWithCustomError(registry, "RegistrySlugTaken")
      .withArgs(SLUG, 1n);
    expect(await registry.commitmentTime(commitment)).to.be.greaterThan(committedAt);
    const bad = commitmentOf("Not A Slug", alice.address, secret);
    await registry.connect(alice).commitRegistration(bad);
    await time.increase(Number(MIN_AGE));
    await expect(reveal(registry, alice, secret, "Not A Slug"))
      .to.be.revertedWithCustomError(registry, "RegistryInvalidSlug")
      .withArgs("Not A Slug");
    expect(await registry.pendingCommitments()).to.equal(2n);
  });

  it("refuses the same commitment twice while it lives; a copy made first can still be revealed by its owner", async function () {
    const { registry, alice, attacker, secret, commitment, committedAt } = await loadFixture(committedFixture);
    await expect(registry.connect(attacker).commitRegistration(commitment))
      .to.be.revertedWithCustomError(registry, "RegistryCommitmentExists")
      .withArgs(commitment, committedAt + MAX_AGE);
    await time.increaseTo(committedAt + MIN_AGE);
    await expect(reveal(registry, alice, secret)).to.emit(registry, "CommitmentRevealed");
  });

  it("lets anyone clear an expired commitment, which reopens one-step registration; never a live one", async function () {
    const { registry, alice, stranger, commitment, committedAt } = await loadFixture(committedFixture);
    await time.setNextBlockTimestamp(committedAt + MAX_AGE);
    await expect(registry.connect(stranger).clearCommitment(commitment))
      .to.be.revertedWithCustomError(registry, "RegistryCommitmentNotExpired")
      .withArgs(commitment, committedAt + MAX_AGE);
    await time.setNextBlockTimestamp(committedAt + MAX_AGE + 1n);
    await expect(registry.connect(stranger).clearCommitment(commitment))
      .to.emit(registry, "CommitmentCleared")
      .withArgs(commitment);
    expect(await registry.pendingCommitments()).to.equal(0n);
    await expect(registry.connect(stranger).clearCommitment(commitment))
      .to.be.revertedWithCustomError(registry, "RegistryUnknownCommitment")
      .withArgs(commitment);
    await expect(registry.connect(alice).register(SLUG, CARD, LICENSE)).to.emit(registry, "ModelRegistered");
  });

  it("takes an expired commitment again, counted once", async function () {
    const { registry, alice, secret, commitment, committedAt } = await loadFixture(committedFixture);
    await time.setNextBlockTimestamp(committedAt + MAX_AGE + 1n);
    await expect(registry.connect(alice).commitRegistration(commitment)).to.emit(registry, "RegistrationCommitted");
    expect(await registry.pendingCommitments()).to.equal(1n);
    await time.increase(Number(MIN_AGE));
    await expect(reveal(registry, alice, secret)).to.emit(registry, "CommitmentRevealed");
    expect(await registry.pendingCommitments()).to.equal(0n);
  });
});
