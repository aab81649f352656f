import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { parseEther, ZeroAddress, ZeroHash } from "ethers";
import { network } from "hardhat";

import type { MockSubnetToken, SubnetsHarness } from "../../types/typechain/index.js";
import { cidN as cid, ONE } from "../fixtures/constants.js";
import { SMALL_SUBNET, SUBNET_DEFAULTS, type Hyperparameters } from "../fixtures/subnets.js";
import { commitHash, deploySubnets as deploySubnetsOn, SALT, U16 } from "./fixture.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine } = networkHelpers;

const FEE = parseEther("0.01");
const DEFAULT_TAKE = 11_796n;

/** The small subnet with four UIDs, two validators, a short price half-life and a keeper reward. */
const PARAMS: Hyperparameters = {
  ...SMALL_SUBNET,
  maxUids: 4,
  maxValidators: 2,
  weightsRateLimit: 3,
  maxPrice: 10n * ONE,
  priceHalfLife: 10,
  keeperReward: ONE,
};

/**
 * The registration price as the README states it: the last price halved per half-life, linear within one, i.e.
 * last * (2 * halfLife - r) / (2^(h+1) * halfLife) for `h` halvings and `r` blocks into the next, rounded up; clamped.
 */
function priceAt(last: bigint, lastBlock: bigint, block: bigint, p: Hyperparameters = PARAMS): bigint {
  const halfLife = BigInt(p.priceHalfLife);
  const elapsed = block - lastBlock;
  const halvings = elapsed / halfLife;
  let price = 0n;
  if (halvings < 128n) {
    const denominator = halfLife << (halvings + 1n);
    price = (last * (2n * halfLife - (elapsed % halfLife)) + denominator - 1n) / denominator;
  }
  if (price < BigInt(p.minPrice)) price = BigInt(p.minPrice);
  if (price > BigInt(p.maxPrice)) price = BigInt(p.maxPrice);
  return price;
}
const grown = (price: bigint) => (price * 126n + 99n) / 100n;

const deploySubnets = (owner: string) => deploySubnetsOn(ethers, owner, FEE);

const blockNumber = async () => BigInt(await ethers.provider.getBlockNumber());

describe("Subnets", function () {
  let protocol: HardhatEthersSigner;
  let owner: HardhatEthersSigner;
  let alice: HardhatEthersSigner;
  let bob: HardhatEthersSigner;
  let carol: HardhatEthersSigner;
  let dave: HardhatEthersSigner;
  let erin: HardhatEthersSigner;
  let cold: HardhatEthersSigner;
  let staker: HardhatEthersSigner;
  let keeper: HardhatEthersSigner;

  before(async function () {
    [protocol, owner, alice, bob, carol, dave, erin, cold, staker, keeper] = await ethers.getSigners();
  });

  async function deployFixture() {
    const subnets = await deploySubnets(protocol.address);
    const stakeToken = (await ethers.deployContract("MockSubnetToken", ["STK", 18])) as unknown as MockSubnetToken;
    const rewardToken = (await ethers.deployContract("MockSubnetToken", ["RWD", 18])) as unknown as MockSubnetToken;
    const address = await subnets.getAddress();
    for (const signer of [owner, alice, bob, carol, dave, erin, cold, staker, keeper]) {
      await stakeToken.mint(signer.address, 1_000_000n * ONE);
      await rewardToken.mint(signer.address, 1_000_000n * ONE);
      await stakeToken.connect(signer).approve(address, ethers.MaxUint256);
      await rewardToken.connect(signer).approve(address, ethers.MaxUint256);
    }
    const params = (hyperparameters: Partial<Hyperparameters> = {}, metadataCid = cid(1)) => ({
      stakeToken: stakeToken.target as string,
      rewardToken: rewardToken.target as string,
      model: 7n,
      metadataCid,
      hyperparameters: { ...PARAMS, ...hyperparameters },
    });
    return { subnets, stakeToken, rewardToken, params };
  }

  async function subnetFixture() {
    const base = await deployFixture();
    await base.subnets.connect(owner).createSubnet(base.params(), { value: FEE });
    await base.subnets.connect(owner).fund(1n, 1_000n * ONE);
    return { ...base, netuid: 1n };
  }

  /** Alice, Bob, Carol and Dave hold UIDs 0 to 3 (coldkey `cold` for Alice), on a full subnet. */
  async function fullFixture() {
    const f = await subnetFixture();
    await f.subnets.connect(alice).register(f.netuid, alice.address, cold.address, ethers.MaxUint256);
    for (const s of [bob, carol, dave]) {
      await f.subnets.connect(s).register(f.netuid, s.address, ZeroAddress, ethers.MaxUint256);
    }
    return f;
  }

  /** Mines to the next due epoch and runs it to completion; returns the receipts of its calls. */
  async function runEpoch(subnets: SubnetsHarness, netuid: bigint, by = keeper) {
    const info = await subnets.subnet(netuid);
    const now = await blockNumber();
    if (!info.epochRunning && now + 1n < info.nextEpochBlock) await mine(Number(info.nextEpochBlock - now - 1n));
    const receipts = [];
    do {
      receipts.push(await (await subnets.connect(by).advanceEpoch(netuid, [])).wait());
    } while ((await subnets.subnet(netuid)).epochRunning);
    return receipts;
  }

  describe("protocol", function () {
    it("lets only the protocol owner set the creation fee, up to its maximum", async function () {
      const { subnets } = await loadFixture(deployFixture);
      expect(await subnets.owner()).to.equal(protocol.address);
      expect(await subnets.creationFee()).to.equal(FEE);
      await expect(subnets.connect(owner).setCreationFee(1n))
        .to.be.revertedWithCustomError(subnets, "OwnableUnauthorizedAccount")
        .withArgs(owner.address);
      const max = await subnets.MAX_CREATION_FEE();
      await expect(subnets.setCreationFee(max + 1n))
        .to.be.revertedWithCustomError(subnets, "SubnetCreationFeeTooHigh")
        .withArgs(max + 1n, max);
      await expect(subnets.setCreationFee(max)).to.emit(subnets, "SubnetCreationFeeSet").withArgs(max);
      expect(await subnets.creationFee()).to.equal(max);
    });

    it("takes exactly the creation fee and sends the collected fees to the owner", async function () {
      const { subnets, params } = await loadFixture(deployFixture);
      await expect(subnets.connect(owner).createSubnet(params(), { value: FEE - 1n }))
        .to.be.revertedWithCustomError(subnets, "SubnetWrongCreationFee")
        .withArgs(FEE - 1n, FEE);
      await expect(subnets.withdrawFees()).to.be.revertedWithCustomError(subnets, "SubnetNoFees");
      await subnets.connect(owner).createSubnet(params(), { value: FEE });
      await subnets.connect(alice).createSubnet(params(), { value: FEE });
      expect(await subnets.collectedFees()).to.equal(2n * FEE);
      await expect(subnets.connect(bob).withdrawFees()).to.changeEtherBalances(
        ethers,
        [protocol, subnets],
        [2n * FEE, -2n * FEE],
      );
      expect(await subnets.collectedFees()).to.equal(0n);
    });

    it("reports a failed fee transfer", async function () {
      const rejecter = await ethers.deployContract("EtherRejecter", [ZeroAddress]);
      const subnets = await deploySubnets(await rejecter.getAddress());
      const token = await ethers.deployContract("MockSubnetToken", ["T", 18]);
      await subnets.connect(owner).createSubnet(
        {
          stakeToken: token.target,
          rewardToken: token.target,
          model: 0n,
          metadataCid: cid(1),
          hyperparameters: PARAMS,
        },
        { value: FEE },
      );
      await expect(subnets.withdrawFees())
        .to.be.revertedWithCustomError(subnets, "SubnetFeeTransferFailed")
        .withArgs(await rejecter.getAddress(), FEE);
    });
  });

  describe("creation", function () {
    it("creates subnets 1, 2, ... recording tokens, model, description and hyperparameters", async function () {
      const { subnets, stakeToken, rewardToken, params } = await loadFixture(deployFixture);
      await expect(subnets.connect(owner).createSubnet(params(), { value: FEE }))
        .to.emit(subnets, "SubnetCreated")
        .withArgs(1n, owner.address, stakeToken.target, rewardToken.target, 7n, cid(1))
        .and.to.emit(subnets, "SubnetHyperparametersSet");
      const created = await blockNumber();
      await subnets.connect(alice).createSubnet(params({}, cid(2)), { value: FEE });
      expect(await subnets.subnetCount()).to.equal(2n);
      const info = await subnets.subnet(1n);
      expect(info.owner).to.equal(owner.address);
      expect(info.stakeToken).to.equal(stakeToken.target);
      expect(info.rewardToken).to.equal(rewardToken.target);
      expect(info.stakeScale).to.equal(10n ** 9n);
      expect(info.model).to.equal(7n);
      expect(info.metadataCid).to.equal(cid(1));
      expect(info.createdAt).to.equal(created);
      expect(info.nextEpochBlock).to.equal(created + 20n);
      expect(info.n).to.equal(0n);
      expect((await subnets.subnet(2n)).owner).to.equal(alice.address);
      expect((await subnets.hyperparameters(1n)).tempo).to.equal(20n);
      await expect(subnets.subnet(3n)).to.be.revertedWithCustomError(subnets, "SubnetNotFound").withArgs(3n);
      await expect(subnets.subnet(0n)).to.be.revertedWithCustomError(subnets, "SubnetNotFound").withArgs(0n);
    });

    it("scales stake to billionths of a token, at least one unit", async function () {
      const { subnets, params } = await loadFixture(deployFixture);
      const six = await ethers.deployContract("MockSubnetToken", ["SIX", 6]);
      await subnets.connect(owner).createSubnet({ ...params(), stakeToken: six.target as string }, { value: FEE });
      expect((await subnets.subnet(1n)).stakeScale).to.equal(1n);
      // A contract without decimals() counts as 0 decimals.
      const noDecimals = await ethers.deployContract("EtherRejecter", [ZeroAddress]);
      await subnets
        .connect(owner)
        .createSubnet({ ...params(), stakeToken: noDecimals.target as string }, { value: FEE });
      expect((await subnets.subnet(2n)).stakeScale).to.equal(1n);
    });

    it("refuses tokens that are not contracts and invalid CIDs", async function () {
      const { subnets, params } = await loadFixture(deployFixture);
      await expect(subnets.connect(owner).createSubnet({ ...params(), stakeToken: alice.address }, { value: FEE }))
        .to.be.revertedWithCustomError(subnets, "SubnetInvalidToken")
        .withArgs(alice.address);
      await expect(subnets.connect(owner).createSubnet({ ...params(), rewardToken: bob.address }, { value: FEE }))
        .to.be.revertedWithCustomError(subnets, "SubnetInvalidToken")
        .withArgs(bob.address);
      await expect(subnets.connect(owner).createSubnet(params({}, "0x"), { value: FEE })).to.be.revertedWithCustomError(
        subnets,
        "CidEmpty",
      );
    });

    it("has subtensor's defaults", async function () {
      const { subnets } = await loadFixture(deployFixture);
      const d = await subnets.defaultHyperparameters();
      expect([d.tempo, d.maxUids, d.maxValidators, d.immunityPeriod, d.minNonImmuneUids, d.kappa]).to.deep.equal([
        360n,
        256n,
        64n,
        4096n,
        10n,
        32_767n,
      ]);
      expect([
        d.bondsMovingAverage,
        d.bondsPenalty,
        d.activityCutoff,
        d.weightsRateLimit,
        d.minAllowedWeights,
      ]).to.deep.equal([900_000n, 65_535n, 5000n, 100n, 1n]);
      expect([d.commitReveal, d.revealPeriod, d.yuma3, d.ownerCut]).to.deep.equal([true, 1n, false, 11_796n]);
      // Every field, as the tests' own SUBNET_DEFAULTS write them out.
      for (const [field, value] of Object.entries(SUBNET_DEFAULTS)) {
        expect(d[field as keyof Hyperparameters], field).to.equal(typeof value === "boolean" ? value : BigInt(value));
      }
    });

    const bounds: [Partial<Hyperparameters>, string, bigint[]][] = [
      [{ tempo: 0 }, "SubnetTempoOutOfBounds", [0n, 1n, 216_000n]],
      [{ tempo: 216_001 }, "SubnetTempoOutOfBounds", [216_001n, 1n, 216_000n]],
      [{ maxUids: 0 }, "SubnetMaxUidsOutOfBounds", [0n, 1n, 256n]],
      [{ maxUids: 257 }, "SubnetMaxUidsOutOfBounds", [257n, 1n, 256n]],
      [{ maxValidators: 0 }, "SubnetMaxValidatorsOutOfBounds", [0n, 64n]],
      [{ maxValidators: 65 }, "SubnetMaxValidatorsOutOfBounds", [65n, 64n]],
      [{ immunityPeriod: 1_000_001 }, "SubnetImmunityPeriodTooLong", [1_000_001n, 1_000_000n]],
      [{ minNonImmuneUids: 5 }, "SubnetMinNonImmuneUidsTooHigh", [5n, 4n]],
      [{ bondsMovingAverage: 1_000_001 }, "SubnetBondsMovingAverageTooHigh", [1_000_001n, 1_000_000n]],
      [{ activityCutoff: 0 }, "SubnetActivityCutoffTooShort", [0n, 1n]],
      [{ minAllowedWeights: 5 }, "SubnetMinAllowedWeightsTooHigh", [5n, 4n]],
      [{ revealPeriod: 0 }, "SubnetRevealPeriodOutOfBounds", [0n, 1n, 32n]],
      [{ revealPeriod: 33 }, "SubnetRevealPeriodOutOfBounds", [33n, 1n, 32n]],
      [{ ownerCut: 29_492 }, "SubnetOwnerCutTooHigh", [29_492n, 29_491n]],
      [{ minPrice: 0 }, "SubnetPriceRangeInvalid", [0n, 10n * ONE]],
      [{ minPrice: 11n * ONE }, "SubnetPriceRangeInvalid", [11n * ONE, 10n * ONE]],
      [{ priceHalfLife: 0 }, "SubnetPriceHalfLifeTooShort", [0n, 1n]],
      [{ alphaLow: 1637 }, "SubnetAlphaBoundsInvalid", [1637n, 58_982n, 1638n]],
      [{ alphaLow: 60_000 }, "SubnetAlphaBoundsInvalid", [60_000n, 58_982n, 1638n]],
      [{ alphaLow: 1638, alphaHigh: 1637 }, "SubnetAlphaBoundsInvalid", [1638n, 1637n, 1638n]],
      [{ alphaSigmoidSteepness: 32_768 }, "SubnetAlphaSteepnessTooHigh", [32_768n, 32_767n]],
    ];
    for (const [change, error, args] of bounds) {
      it(`refuses ${JSON.stringify(change, (_, v) => (typeof v === "bigint" ? v.toString() : v))} with ${error}`, async function () {
        const { subnets, params } = await loadFixture(deployFixture);
        await expect(subnets.connect(owner).createSubnet(params(change), { value: FEE }))
          .to.be.revertedWithCustomError(subnets, error)
          .withArgs(...args);
      });
    }
  });

  describe("subnet owner", function () {
    it("changes hyperparameters, description and owner hotkey; others cannot", async function () {
      const { subnets, netuid } = await loadFixture(subnetFixture);
      const calls = [
        () => subnets.connect(alice).setHyperparameters(netuid, { ...PARAMS, tempo: 30 }),
        () => subnets.connect(alice).setMetadata(netuid, cid(9)),
        () => subnets.connect(alice).setOwnerHotkey(netuid, alice.address),
        () => subnets.connect(alice).transferSubnetOwnership(netuid, alice.address),
      ];
      for (const call of calls) {
        await expect(call()).to.be.revertedWithCustomError(subnets, "SubnetNotOwner").withArgs(netuid, alice.address);
      }
      // Queued for the start of the epoch after the next (two starts ahead), then in force from it.
      await expect(subnets.connect(owner).setHyperparameters(netuid, { ...PARAMS, tempo: 30 })).to.emit(
        subnets,
        "SubnetHyperparametersQueued",
      );
      expect((await subnets.hyperparameters(netuid)).tempo).to.equal(20n);
      const queued = await subnets.queuedHyperparameters(netuid);
      expect([queued.params.tempo, queued.from]).to.deep.equal([30n, 2n]);
      await expect(subnets.connect(owner).setMetadata(netuid, cid(9)))
        .to.emit(subnets, "SubnetMetadataSet")
        .withArgs(netuid, cid(9));
      expect((await subnets.subnet(netuid)).metadataCid).to.equal(cid(9));
      await expect(subnets.connect(owner).setOwnerHotkey(netuid, alice.address))
        .to.emit(subnets, "SubnetOwnerHotkeySet")
        .withArgs(netuid, alice.address);
      expect((await subnets.subnet(netuid)).ownerHotkey).to.equal(alice.address);
    });

    it("L-05 hyperparameter changes take effect from a later epoch, announced: a raised cut never reaches work done", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      const cut = (emission: bigint, ownerCut: bigint) => (emission * ownerCut) / U16;
      // During the tempo epoch 1 pays for, the owner raises its cut, lowers the immunity and the price floor.
      const raised = { ...PARAMS, ownerCut: 29_491, immunityPeriod: 0, minPrice: 1n };
      await expect(subnets.connect(owner).setHyperparameters(netuid, raised)).to.emit(
        subnets,
        "SubnetHyperparametersQueued",
      );
      expect((await subnets.queuedHyperparameters(netuid)).from).to.equal(2n);
      // Nothing changes now: the registration price and immunity are those in force.
      expect((await subnets.hyperparameters(netuid)).immunityPeriod).to.equal(BigInt(PARAMS.immunityPeriod));
      // Epoch 1 is paid under the rules its tempo was worked under.
      const first = await runEpoch(subnets, netuid);
      const started = (r: typeof first) =>
        r.flatMap((x) => x!.logs.map((l) => subnets.interface.parseLog(l))).find((e) => e?.name === "EpochStarted")!;
      expect(started(first).args.ownerCut).to.equal(cut(100n * ONE, BigInt(PARAMS.ownerCut)));
      expect((await subnets.hyperparameters(netuid)).ownerCut).to.equal(BigInt(PARAMS.ownerCut));
      // Epoch 2, whose whole tempo followed the announcement, is the first under them.
      const second = await runEpoch(subnets, netuid);
      expect(started(second).args.ownerCut).to.equal(cut(100n * ONE, 29_491n));
      await expect(second[0]).to.be.ok;
      const set = second
        .flatMap((x) => x!.logs.map((l) => subnets.interface.parseLog(l)))
        .find((e) => e?.name === "SubnetHyperparametersSet")!;
      expect(set.args.hyperparameters.ownerCut).to.equal(29_491n);
      expect((await subnets.hyperparameters(netuid)).immunityPeriod).to.equal(0n);
      expect((await subnets.queuedHyperparameters(netuid)).from).to.equal(0n);
    });

    it("replaces what was queued, keeps maxUids above UIDs registered since, and queues during a running epoch", async function () {
      const { subnets, netuid } = await loadFixture(subnetFixture);
      await subnets.connect(owner).setHyperparameters(netuid, { ...PARAMS, maxUids: 2, minNonImmuneUids: 0 });
      await subnets.connect(owner).setHyperparameters(netuid, { ...PARAMS, maxUids: 3, minNonImmuneUids: 0 });
      for (const s of [alice, bob, carol, dave])
        await subnets.connect(s).register(netuid, s.address, ZeroAddress, ethers.MaxUint256);
      await runEpoch(subnets, netuid);
      expect((await subnets.hyperparameters(netuid)).minNonImmuneUids).to.equal(1n);
      await runEpoch(subnets, netuid);
      // Four UIDs registered since the change was queued: the subnet keeps them all.
      expect((await subnets.hyperparameters(netuid)).maxUids).to.equal(4n);
      expect((await subnets.hyperparameters(netuid)).minNonImmuneUids).to.equal(0n);
      await mine(30);
      await subnets.advanceEpoch(netuid, []);
      expect((await subnets.subnet(netuid)).epochRunning).to.equal(true);
      await expect(subnets.connect(owner).setHyperparameters(netuid, { ...PARAMS, tempo: 40 })).to.emit(
        subnets,
        "SubnetHyperparametersQueued",
      );
      expect((await subnets.queuedHyperparameters(netuid)).from).to.equal(5n);
    });

    it("keeps maxUids at or above the registered UIDs", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      await expect(subnets.connect(owner).setHyperparameters(netuid, { ...PARAMS, maxUids: 3, minNonImmuneUids: 0 }))
        .to.be.revertedWithCustomError(subnets, "SubnetMaxUidsOutOfBounds")
        .withArgs(3n, 4n, 256n);
    });

    it("passes a subnet on in two steps", async function () {
      const { subnets, netuid } = await loadFixture(subnetFixture);
      await expect(subnets.connect(owner).transferSubnetOwnership(netuid, alice.address))
        .to.emit(subnets, "SubnetOwnershipTransferStarted")
        .withArgs(netuid, owner.address, alice.address);
      expect((await subnets.subnet(netuid)).pendingOwner).to.equal(alice.address);
      await expect(subnets.connect(bob).acceptSubnetOwnership(netuid))
        .to.be.revertedWithCustomError(subnets, "SubnetNotPendingOwner")
        .withArgs(netuid, bob.address);
      await expect(subnets.connect(alice).acceptSubnetOwnership(netuid))
        .to.emit(subnets, "SubnetOwnershipTransferred")
        .withArgs(netuid, owner.address, alice.address);
      const info = await subnets.subnet(netuid);
      expect([info.owner, info.pendingOwner]).to.deep.equal([alice.address, ZeroAddress]);
    });
  });

  describe("registration", function () {
    it("takes the next UID at the price, paid into the pool, binding the coldkey", async function () {
      const { subnets, rewardToken, netuid } = await loadFixture(subnetFixture);
      const poolBefore = (await subnets.subnet(netuid)).rewardPool;
      const tx = subnets.connect(alice).register(netuid, alice.address, cold.address, ONE);
      await expect(tx).to.emit(subnets, "NeuronRegistered").withArgs(netuid, 0n, alice.address, cold.address, ONE);
      await expect(tx).to.changeTokenBalances(ethers, rewardToken, [alice, subnets], [-ONE, ONE]);
      const at = await blockNumber();
      expect((await subnets.subnet(netuid)).rewardPool).to.equal(poolBefore + ONE);
      expect(await subnets.uidOf(netuid, alice.address)).to.deep.equal([true, 0n]);
      expect(await subnets.uidOf(netuid, bob.address)).to.deep.equal([false, 0n]);
      expect(await subnets.coldkeyOf(netuid, alice.address)).to.equal(cold.address);
      const n = await subnets.neuron(netuid, 0n);
      expect([n.hotkey, n.coldkey, n.registeredAt, n.lastUpdate]).to.deep.equal([alice.address, cold.address, at, 0n]);
      // Without a coldkey, the hotkey is its own.
      await subnets.connect(bob).register(netuid, bob.address, ZeroAddress, ethers.MaxUint256);
      expect(await subnets.coldkeyOf(netuid, bob.address)).to.equal(bob.address);
      expect((await subnets.subnet(netuid)).n).to.equal(2n);
      await expect(subnets.neuron(netuid, 2n))
        .to.be.revertedWithCustomError(subnets, "SubnetUidOutOfRange")
        .withArgs(2n, 2n);
      const list = await subnets.neurons(netuid, 1n, 10n);
      expect(list.map((x) => x.hotkey)).to.deep.equal([bob.address]);
      expect(await subnets.neurons(netuid, 5n, 1n)).to.deep.equal([]);
    });

    it("refuses registering someone else's address, a zero hotkey, a second UID and a coldkey mismatch", async function () {
      const { subnets, netuid } = await loadFixture(subnetFixture);
      await expect(subnets.connect(bob).register(netuid, alice.address, bob.address, ethers.MaxUint256))
        .to.be.revertedWithCustomError(subnets, "SubnetNotHotkeyOrColdkey")
        .withArgs(bob.address, alice.address);
      await expect(subnets.connect(bob).register(netuid, ZeroAddress, bob.address, ethers.MaxUint256))
        .to.be.revertedWithCustomError(subnets, "SubnetInvalidHotkey")
        .withArgs(ZeroAddress);
      await subnets.connect(alice).register(netuid, alice.address, cold.address, ethers.MaxUint256);
      await expect(subnets.connect(alice).register(netuid, alice.address, ZeroAddress, ethers.MaxUint256))
        .to.be.revertedWithCustomError(subnets, "SubnetAlreadyRegistered")
        .withArgs(netuid, alice.address, 0n);
      await expect(subnets.connect(alice).register(netuid, alice.address, bob.address, ethers.MaxUint256))
        .to.be.revertedWithCustomError(subnets, "SubnetColdkeyMismatch")
        .withArgs(alice.address, bob.address, cold.address);
      await expect(subnets.register(9n, alice.address, ZeroAddress, 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetNotFound")
        .withArgs(9n);
    });

    it("rises x1.26 per registration, halves per half-life (linear within), clamped, guarded by maxPrice", async function () {
      const { subnets, netuid } = await loadFixture(subnetFixture);
      const created = (await subnets.subnet(netuid)).createdAt;
      expect(await subnets.registrationPrice(netuid)).to.equal(priceAt(ONE, created, await blockNumber()));
      const p = { ...PARAMS, minPrice: 1000n };
      await subnets.setHyperparametersNow(netuid, p);
      const now = await blockNumber();
      // Decay from the creation block: one block later, one twentieth of a half less.
      const price = priceAt(ONE, created, now + 1n, p);
      expect(price).to.equal(ONE - (ONE * (now + 1n - created)) / 20n);
      await expect(subnets.connect(alice).register(netuid, alice.address, ZeroAddress, price - 1n))
        .to.be.revertedWithCustomError(subnets, "SubnetPriceAboveMax")
        .withArgs(price, price - 1n);
      await expect(subnets.connect(alice).register(netuid, alice.address, ZeroAddress, price))
        .to.emit(subnets, "NeuronRegistered")
        .withArgs(netuid, 0n, alice.address, alice.address, price);
      const last = grown(price);
      const lastBlock = await blockNumber();
      expect(await subnets.registrationPrice(netuid)).to.equal(last);
      // One half-life later: half; then three quarters of the way to the next half.
      await mine(10);
      expect(await subnets.registrationPrice(netuid)).to.equal(last / 2n);
      await mine(5);
      expect(await subnets.registrationPrice(netuid)).to.equal(last / 2n - last / 2n / 4n);
      expect(await subnets.registrationPrice(netuid)).to.equal(priceAt(last, lastBlock, await blockNumber(), p));
      // Long after, the floor.
      await mine(1000);
      expect(await subnets.registrationPrice(netuid)).to.equal(1000n);
      // Raising the floor above the price clamps it up.
      await subnets.setHyperparametersNow(netuid, { ...p, minPrice: 2n * ONE });
      expect(await subnets.registrationPrice(netuid)).to.equal(2n * ONE);
    });

    it("L-09 the price is the documented formula in one division rounded up, at random half-lives and blocks", async function () {
      const { subnets, rewardToken, netuid } = await loadFixture(subnetFixture);
      const signers = (await ethers.getSigners()).slice(10, 20);
      for (const s of signers) {
        await rewardToken.mint(s.address, 10n ** 30n);
        await rewardToken.connect(s).approve(subnets.target, ethers.MaxUint256);
      }
      let seed = 0x9e3779b9n;
      const random = (n: bigint) => {
        seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 64n);
        return (seed >> 16n) % n;
      };
      let last = ONE;
      let lastBlock = (await subnets.subnet(netuid)).createdAt;
      for (let k = 0; k < 40; k++) {
        const p = {
          ...PARAMS,
          priceHalfLife: Number(1n + random(40n)),
          minPrice: 1n,
          maxPrice: 10n ** 29n,
          immunityPeriod: 0,
          minNonImmuneUids: 0,
        };
        await subnets.setHyperparametersNow(netuid, p);
        await mine(Number(random(120n)));
        expect(await subnets.registrationPrice(netuid)).to.equal(priceAt(last, lastBlock, await blockNumber(), p));
        const s = signers[k % signers.length];
        const receipt = await (
          await subnets.connect(s).register(netuid, s.address, ZeroAddress, ethers.MaxUint256)
        ).wait();
        const event = receipt!.logs
          .map((l) => subnets.interface.parseLog(l))
          .find((e) => e?.name === "NeuronRegistered")!;
        expect(event.args.price).to.equal(priceAt(last, lastBlock, BigInt(receipt!.blockNumber), p));
        last = grown(event.args.price as bigint);
        lastBlock = BigInt(receipt!.blockNumber);
      }
    });

    it("caps the price at maxPrice: each registration costs 1.26 times the last, decayed, until the cap", async function () {
      const { subnets, rewardToken, netuid } = await loadFixture(subnetFixture);
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, priceHalfLife: 1_000_000, maxUids: 16 });
      const params = { ...PARAMS, priceHalfLife: 1_000_000 };
      let last = ONE;
      let lastBlock = (await subnets.subnet(netuid)).createdAt;
      for (const s of (await ethers.getSigners()).slice(10, 20)) {
        await rewardToken.mint(s.address, 100n * ONE);
        await rewardToken.connect(s).approve(subnets.target, ethers.MaxUint256);
        const receipt = await (
          await subnets.connect(s).register(netuid, s.address, ZeroAddress, ethers.MaxUint256)
        ).wait();
        const event = subnets.interface.parseLog(receipt!.logs.find((l) => l.address === subnets.target)!)!;
        const paid = event.args.price as bigint;
        expect(paid).to.equal(priceAt(last, lastBlock, BigInt(receipt!.blockNumber), params));
        last = grown(paid) > 10n * ONE ? 10n * ONE : grown(paid);
        lastBlock = BigInt(receipt!.blockNumber);
      }
      expect(last).to.equal(10n * ONE);
      expect(await subnets.registrationPrice(netuid)).to.be.closeTo(10n * ONE, (10n * ONE) / 100_000n);
    });

    it("credits the pool with what arrives of a fee-on-transfer reward token", async function () {
      const { subnets, stakeToken } = await loadFixture(deployFixture);
      const fot = await ethers.deployContract("FeeOnTransferToken", [100n]); // 1%
      await subnets.connect(owner).createSubnet(
        {
          stakeToken: stakeToken.target,
          rewardToken: fot.target,
          model: 0n,
          metadataCid: cid(1),
          hyperparameters: PARAMS,
        },
        { value: FEE },
      );
      await fot.mint(alice.address, 10n * ONE);
      await fot.connect(alice).approve(subnets.target, ethers.MaxUint256);
      await subnets.connect(alice).register(1n, alice.address, ZeroAddress, ONE);
      expect((await subnets.subnet(1n)).rewardPool).to.equal((ONE * 99n) / 100n);
      await expect(subnets.connect(alice).fund(1n, 0n)).to.be.revertedWithCustomError(subnets, "SubnetZeroAmount");
      await expect(subnets.connect(alice).fund(1n, 100n))
        .to.emit(subnets, "SubnetFunded")
        .withArgs(1n, alice.address, 99n);
    });
  });

  describe("pruning a full subnet", function () {
    const emissionWord = (e: bigint) => e << 80n;
    /** Sets each UID's emission in subnet 1, as epochs would have left it. */
    const setEmissions = async (subnets: SubnetsHarness, emissions: [bigint, bigint][]) => {
      for (const [uid, e] of emissions) await subnets.setMetagraphWord(1n, uid, emissionWord(e));
    };
    /** `newcomer` registers itself in subnet 1 and takes `uid`, whose hotkey `pruned` is pruned. */
    const expectPruned = (subnets: SubnetsHarness, newcomer: HardhatEthersSigner, uid: bigint, pruned: string) =>
      expect(subnets.connect(newcomer).register(1n, newcomer.address, ZeroAddress, ethers.MaxUint256))
        .to.emit(subnets, "NeuronPruned")
        .withArgs(1n, uid, pruned);

    it("replaces the lowest emission, then the earliest registration, then the lowest UID", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      await mine(40); // all out of immunity
      await setEmissions(subnets, [
        [0n, 5n],
        [1n, 3n],
        [2n, 3n],
        [3n, 9n],
      ]);
      // UIDs 1 and 2 tie on emission: Bob (UID 1) registered first.
      await expectPruned(subnets, erin, 1n, bob.address);
      expect(await subnets.uidOf(netuid, erin.address)).to.deep.equal([true, 1n]);
      expect(await subnets.uidOf(netuid, bob.address)).to.deep.equal([false, 0n]);
    });

    it("breaks a tie of emission and registration block by the lowest UID", async function () {
      const { subnets, netuid } = await loadFixture(subnetFixture);
      const factory = await ethers.deployContract("MockHotkeyFactory");
      await factory.create(subnets.target, netuid, (await subnets.subnet(netuid)).rewardToken, 100n * ONE, 4n);
      const [n0, n1, n2, n3] = await subnets.neurons(netuid, 0n, 4n);
      expect(n0.registeredAt).to.equal(n3.registeredAt);
      await mine(40);
      await setEmissions(subnets, [
        [0n, 2n],
        [3n, 2n],
        [1n, 1n],
        [2n, 1n],
      ]);
      await expectPruned(subnets, erin, 1n, n1.hotkey);
      expect(await subnets.uidOf(netuid, erin.address)).to.deep.equal([true, 1n]);
      expect(await subnets.uidOf(netuid, n2.hotkey)).to.deep.equal([true, 2n]);
      expect(await subnets.uidOf(netuid, n0.hotkey)).to.deep.equal([true, 0n]);
    });

    it("spares immune UIDs while more than minNonImmuneUids are not immune: a newcomer cannot evict them", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, immunityPeriod: 1000, minNonImmuneUids: 1 });
      await mine(1000);
      await setEmissions(subnets, [
        [0n, 50n],
        [1n, 40n],
        [2n, 30n],
        [3n, 20n],
      ]);
      await expectPruned(subnets, erin, 3n, dave.address);
      // Erin is immune with emission 0, the lowest: Carol (30) goes, then Bob (40), never Erin.
      await expectPruned(subnets, dave, 2n, carol.address);
      await expectPruned(subnets, carol, 1n, bob.address);
      expect(await subnets.uidOf(netuid, erin.address)).to.deep.equal([true, 3n]);
    });

    it("prunes the best immune UID once the non-immune are at the floor, and never the owner's hotkey", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, immunityPeriod: 1000, minNonImmuneUids: 1 });
      await subnets.connect(owner).setOwnerHotkey(netuid, alice.address);
      await mine(1000);
      // Bob, Carol, Dave are non-immune; Alice is the owner's.
      await setEmissions(subnets, [
        [1n, 3n],
        [2n, 2n],
        [3n, 1n],
      ]);
      // Alice (emission 0) is skipped: Dave goes.
      await expectPruned(subnets, erin, 3n, dave.address);
      // Non-immune: Bob, Carol (2 > 1): Carol goes (emission 2).
      await expectPruned(subnets, dave, 2n, carol.address);
      // Non-immune: Bob alone (1, at the floor): the best immune (Erin, registered first) goes.
      await expectPruned(subnets, carol, 3n, erin.address);
    });

    it("takes the best non-immune UID even at the floor when no UID is immune", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, minNonImmuneUids: 4 });
      await mine(40);
      await expectPruned(subnets, erin, 0n, alice.address);
    });

    it("refuses when the only UID is the owner's", async function () {
      const { subnets, netuid } = await loadFixture(subnetFixture);
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, maxUids: 1, minNonImmuneUids: 0, minAllowedWeights: 0 });
      await subnets.connect(alice).register(netuid, alice.address, ZeroAddress, ethers.MaxUint256);
      await subnets.connect(owner).setOwnerHotkey(netuid, alice.address);
      await expect(subnets.connect(bob).register(netuid, bob.address, ZeroAddress, ethers.MaxUint256))
        .to.be.revertedWithCustomError(subnets, "SubnetNoUidToPrune")
        .withArgs(netuid);
    });

    it("clears the replaced UID's state; its stake stays with the old hotkey", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, commitReveal: false });
      await subnets.setValidatorPermits(netuid, 0b1111n);
      await subnets.connect(alice).setWeights(netuid, [1, 2], [1, 1], 0n);
      await subnets.connect(alice).publishCandidate(netuid, cid(5), cid(6));
      await subnets.setHyperparametersNow(netuid, PARAMS);
      await subnets.connect(alice).commitWeights(netuid, ZeroHash.replace(/0$/, "1"));
      await subnets.connect(staker).stake(netuid, alice.address, 10n * ONE);
      await subnets.setMetagraphWord(netuid, 0n, (1n << 80n) | 0xabcdn);
      for (const uid of [1n, 2n, 3n]) await subnets.setMetagraphWord(netuid, uid, emissionWord(100n));
      await mine(40);
      await expectPruned(subnets, erin, 0n, alice.address);
      const n = await subnets.neuron(netuid, 0n);
      expect([n.hotkey, n.lastUpdate, n.emission, n.consensus, n.validatorPermit]).to.deep.equal([
        erin.address,
        0n,
        0n,
        0n,
        false,
      ]);
      expect(await subnets.weightsOf(netuid, 0n)).to.deep.equal([0n, 0n, 0n, 0n]);
      expect((await subnets.commitOf(netuid, 0n)).hash).to.equal(ZeroHash);
      expect((await subnets.candidateOf(netuid, 0n)).publishedAt).to.equal(0n);
      expect((await subnets.subnet(netuid)).validatorPermits).to.equal(0b1110n);
      expect(await subnets.uidOf(netuid, alice.address)).to.deep.equal([false, 0n]);
      // The stake stays with Alice's hotkey, and comes back.
      expect((await subnets.stakeOf(netuid, alice.address)).pendingLater).to.equal(10n * ONE);
      await subnets.connect(staker).unstake(netuid, alice.address, 10n * ONE);
      // Alice's coldkey stays bound: her coldkey may register her again.
      await mine(40);
      await expect(subnets.connect(cold).register(netuid, alice.address, ZeroAddress, ethers.MaxUint256))
        .to.emit(subnets, "NeuronPruned")
        .withArgs(netuid, 0n, erin.address);
      expect(await subnets.uidOf(netuid, alice.address)).to.deep.equal([true, 0n]);
    });

    it("keeps the epoch reading the stake of a hotkey that is replaced and registers again", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      expect(await subnets.stakedUids(netuid)).to.equal(0n);
      await subnets.connect(staker).stake(netuid, bob.address, 10n * ONE);
      expect(await subnets.stakedUids(netuid)).to.equal(0b0010n);
      // Bob's UID goes to Erin, who holds no stake: the bit goes with it.
      await mine(40);
      await setEmissions(subnets, [
        [0n, 9n],
        [1n, 1n],
        [2n, 9n],
        [3n, 5n],
      ]);
      await expectPruned(subnets, erin, 1n, bob.address);
      expect(await subnets.stakedUids(netuid)).to.equal(0n);
      // Bob comes back at Dave's UID with his stake: the epoch reads it and gives him the only permit.
      await mine(40);
      await subnets.setMetagraphWord(netuid, 1n, emissionWord(9n));
      await expectPruned(subnets, bob, 3n, dave.address);
      expect(await subnets.stakedUids(netuid)).to.equal(0b1000n);
      // Stake on a hotkey not registered sets nothing; a stake on a UID already set changes nothing.
      await subnets.connect(staker).stake(netuid, dave.address, ONE);
      await subnets.connect(staker).stake(netuid, bob.address, ONE);
      expect(await subnets.stakedUids(netuid)).to.equal(0b1000n);
      // The stake counts from the epoch after the next.
      await runEpoch(subnets, netuid);
      expect((await subnets.subnet(netuid)).validatorPermits).to.equal(0n);
      await runEpoch(subnets, netuid);
      expect((await subnets.subnet(netuid)).validatorPermits).to.equal(0b1000n);
    });
  });

  describe("weights", function () {
    /** The full subnet, Alice (UID 0) and Bob (UID 1) holding validator permits. */
    async function weightsFixture() {
      const f = await fullFixture();
      await f.subnets.setValidatorPermits(f.netuid, 0b11n);
      return f;
    }

    it("reveals a commit only in the epoch after it; too early, expired and mismatched reveals fail", async function () {
      const { subnets, netuid } = await loadFixture(weightsFixture);
      const hash = commitHash(alice.address, netuid, [2, 3], [1, 3]);
      expect(await subnets.weightsCommitHash(alice.address, netuid, [2, 3], [1, 3], SALT, 0n)).to.equal(hash);
      await expect(subnets.connect(alice).revealWeights(netuid, [2, 3], [1, 3], SALT, 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetNoCommit")
        .withArgs(0n);
      await expect(subnets.connect(alice).commitWeights(netuid, hash))
        .to.emit(subnets, "WeightsCommitted")
        .withArgs(netuid, 0n, hash, 1n);
      const committedAt = await blockNumber();
      const c = await subnets.commitOf(netuid, 0n);
      expect([c.hash, c.epoch, c.blockNumber, c.revealEpoch]).to.deep.equal([hash, 0n, committedAt, 1n]);
      await expect(subnets.connect(alice).revealWeights(netuid, [2, 3], [1, 3], SALT, 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetRevealTooEarly")
        .withArgs(0n, 0n, 1n);
      await runEpoch(subnets, netuid);
      // Nothing is staked, so the epoch gave no permits: give them back.
      await subnets.setValidatorPermits(netuid, 0b11n);
      const wrong = commitHash(alice.address, netuid, [2, 3], [1, 2]);
      await expect(subnets.connect(alice).revealWeights(netuid, [2, 3], [1, 2], SALT, 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetRevealMismatch")
        .withArgs(0n, wrong, hash);
      // Another hotkey cannot reveal Alice's weights as its own: the hotkey is in the hash.
      await subnets.connect(bob).commitWeights(netuid, hash);
      await expect(subnets.connect(alice).revealWeights(netuid, [2, 3], [1, 3], SALT, 0n))
        .to.emit(subnets, "WeightsSet")
        .withArgs(netuid, 0n, true);
      expect(await subnets.weightsOf(netuid, 0n)).to.deep.equal([0n, 0n, 21_845n, 65_535n]);
      expect((await subnets.neuron(netuid, 0n)).lastUpdate).to.equal(await blockNumber());
      expect((await subnets.commitOf(netuid, 0n)).hash).to.equal(ZeroHash);
      // Bob's commit (epoch 1) expires when epoch 3 begins without a reveal.
      await runEpoch(subnets, netuid);
      await expect(subnets.connect(bob).revealWeights(netuid, [2, 3], [1, 3], SALT, 0n)).to.be.revertedWithCustomError(
        subnets,
        "SubnetRevealMismatch",
      );
      await runEpoch(subnets, netuid);
      await expect(subnets.connect(bob).revealWeights(netuid, [2, 3], [1, 3], SALT, 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetRevealExpired")
        .withArgs(1n, 3n, 2n);
    });

    it("replaces a pending commit with a new one, after the rate limit", async function () {
      const { subnets, netuid } = await loadFixture(weightsFixture);
      const first = commitHash(alice.address, netuid, [2], [1]);
      const second = commitHash(alice.address, netuid, [3], [1]);
      await subnets.connect(alice).commitWeights(netuid, first);
      const at = await blockNumber();
      await expect(subnets.connect(alice).commitWeights(netuid, second))
        .to.be.revertedWithCustomError(subnets, "SubnetWeightsRateLimited")
        .withArgs(0n, at + 3n);
      await mine(2);
      await subnets.connect(alice).commitWeights(netuid, second);
      await runEpoch(subnets, netuid);
      await subnets.setValidatorPermits(netuid, 0b11n);
      await expect(subnets.connect(alice).revealWeights(netuid, [2], [1], SALT, 0n)).to.be.revertedWithCustomError(
        subnets,
        "SubnetRevealMismatch",
      );
      await subnets.connect(alice).revealWeights(netuid, [3], [1], SALT, 0n);
      expect(await subnets.weightsOf(netuid, 0n)).to.deep.equal([0n, 0n, 0n, 65_535n]);
    });

    it("refuses weights below the subnet's version key, set or revealed", async function () {
      const { subnets, netuid } = await loadFixture(weightsFixture);
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, commitReveal: false, weightsVersionKey: 5n });
      await expect(subnets.connect(alice).setWeights(netuid, [1, 2], [1, 1], 4n))
        .to.be.revertedWithCustomError(subnets, "SubnetWeightsVersionTooLow")
        .withArgs(4n, 5n);
      await expect(subnets.connect(alice).setWeights(netuid, [1, 2], [1, 1], 5n)).to.emit(subnets, "WeightsSet");
      // A commit is held to the key in force when it was made (version 0, the default: any key goes), whatever the
      // key is raised to before its reveal (see Weights.test.ts, L-05)...
      await subnets.setHyperparametersNow(netuid, PARAMS);
      await subnets.connect(bob).commitWeights(netuid, commitHash(bob.address, netuid, [2, 3], [1, 3], SALT, 4n));
      await runEpoch(subnets, netuid);
      await subnets.setValidatorPermits(netuid, 0b11n);
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, weightsVersionKey: 5n });
      await expect(subnets.connect(bob).revealWeights(netuid, [2, 3], [1, 3], SALT, 4n)).to.emit(subnets, "WeightsSet");
      // ...and one made under the raised key cannot be revealed below it.
      await subnets.connect(bob).commitWeights(netuid, commitHash(bob.address, netuid, [2, 3], [3, 1], SALT, 4n));
      await runEpoch(subnets, netuid);
      await subnets.setValidatorPermits(netuid, 0b11n);
      await expect(subnets.connect(bob).revealWeights(netuid, [2, 3], [3, 1], SALT, 4n))
        .to.be.revertedWithCustomError(subnets, "SubnetWeightsVersionTooLow")
        .withArgs(4n, 5n);
    });

    it("applies subtensor's checks and max-upscales to u16", async function () {
      const { subnets, netuid } = await loadFixture(weightsFixture);
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, commitReveal: false, minAllowedWeights: 2 });
      await expect(subnets.connect(alice).commitWeights(netuid, SALT))
        .to.be.revertedWithCustomError(subnets, "SubnetCommitRevealDisabled")
        .withArgs(netuid);
      await expect(subnets.connect(alice).revealWeights(netuid, [], [], SALT, 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetCommitRevealDisabled")
        .withArgs(netuid);
      await expect(subnets.connect(erin).setWeights(netuid, [0], [1], 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetNotRegistered")
        .withArgs(netuid, erin.address);
      await expect(subnets.connect(alice).setWeights(netuid, [1, 2], [1], 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetWeightsLengthMismatch")
        .withArgs(2n, 1n);
      await expect(subnets.connect(alice).setWeights(netuid, [1], [1], 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetTooFewWeights")
        .withArgs(1n, 2n);
      await expect(subnets.connect(alice).setWeights(netuid, [1, 4], [1, 1], 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetUidOutOfRange")
        .withArgs(4n, 4n);
      await expect(subnets.connect(alice).setWeights(netuid, [2, 2], [1, 1], 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetWeightsDuplicateUid")
        .withArgs(2n);
      await expect(subnets.connect(carol).setWeights(netuid, [0, 1], [1, 1], 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetNoValidatorPermit")
        .withArgs(2n);
      // Self-weight alone needs neither a permit nor the minimum.
      await expect(subnets.connect(carol).setWeights(netuid, [2], [7], 0n))
        .to.emit(subnets, "WeightsSet")
        .withArgs(netuid, 2n, false);
      expect(await subnets.weightsOf(netuid, 2n)).to.deep.equal([0n, 0n, 65_535n, 0n]);
      // Each weight becomes floor(w * 65535 / max).
      await subnets.connect(alice).setWeights(netuid, [3, 1, 2], [3, 1, 2], 0n);
      expect(await subnets.weightsOf(netuid, 0n)).to.deep.equal([0n, 21_845n, 43_690n, 65_535n]);
      await expect(subnets.connect(alice).setWeights(netuid, [1, 2], [1, 1], 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetWeightsRateLimited")
        .withArgs(0n, (await blockNumber()) + 3n);
      await mine(2);
      // All-zero weights clear the row.
      await subnets.connect(alice).setWeights(netuid, [1, 2], [0, 0], 0n);
      expect(await subnets.weightsOf(netuid, 0n)).to.deep.equal([0n, 0n, 0n, 0n]);
      await subnets.setHyperparametersNow(netuid, PARAMS);
      await expect(subnets.connect(alice).setWeights(netuid, [1], [1], 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetCommitRevealEnabled")
        .withArgs(netuid);
    });

    it("publishes and replaces candidates of registered UIDs", async function () {
      const { subnets, netuid } = await loadFixture(weightsFixture);
      await expect(subnets.connect(erin).publishCandidate(netuid, cid(3), "0x"))
        .to.be.revertedWithCustomError(subnets, "SubnetNotRegistered")
        .withArgs(netuid, erin.address);
      await expect(subnets.connect(carol).publishCandidate(netuid, "0x", "0x")).to.be.revertedWithCustomError(
        subnets,
        "CidEmpty",
      );
      await expect(subnets.connect(carol).publishCandidate(netuid, cid(3), "0x"))
        .to.emit(subnets, "CandidatePublished")
        .withArgs(netuid, 2n, cid(3), "0x");
      let c = await subnets.candidateOf(netuid, 2n);
      expect([c.weightsCid, c.metadataCid, c.publishedAt]).to.deep.equal([cid(3), "0x", await blockNumber()]);
      await subnets.connect(carol).publishCandidate(netuid, cid(4), cid(5));
      c = await subnets.candidateOf(netuid, 2n);
      expect([c.weightsCid, c.metadataCid]).to.deep.equal([cid(4), cid(5)]);
    });

    it("drops the bonds validators hold on a UID that publishes a candidate, when the subnet resets bonds", async function () {
      const { subnets, netuid } = await loadFixture(weightsFixture);
      // Validators 0 and 1 hold bonds on UIDs 1 to 3 (u16 lanes of word 0).
      const word = (b: number[]) => b.reduce((acc, v, j) => acc | (BigInt(v) << BigInt(16 * j)), 0n);
      await subnets.setValidatorPermits(netuid, 0b0011n);
      await subnets.setBondWord(netuid, 0n, 0n, word([0, 100, 200, 300]));
      await subnets.setBondWord(netuid, 1n, 0n, word([0, 400, 500, 600]));
      // Off (the default): a candidate leaves the bonds as they are.
      await expect(subnets.connect(carol).publishCandidate(netuid, cid(3), "0x")).not.to.emit(subnets, "BondsReset");
      expect(await subnets.bondsOf(netuid, 0n)).to.deep.equal([0n, 100n, 200n, 300n]);
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, bondsReset: true });
      await expect(subnets.connect(carol).publishCandidate(netuid, cid(4), "0x"))
        .to.emit(subnets, "BondsReset")
        .withArgs(netuid, 2n);
      expect(await subnets.bondsOf(netuid, 0n)).to.deep.equal([0n, 100n, 0n, 300n]);
      expect(await subnets.bondsOf(netuid, 1n)).to.deep.equal([0n, 400n, 0n, 600n]);
      // Another UID's candidate drops only its own column.
      await subnets.connect(bob).publishCandidate(netuid, cid(5), "0x");
      expect(await subnets.bondsOf(netuid, 0n)).to.deep.equal([0n, 0n, 0n, 300n]);
      expect(await subnets.bondsOf(netuid, 1n)).to.deep.equal([0n, 0n, 0n, 600n]);
    });
  });

  describe("stake and rewards", function () {
    it("stakes only on registered hotkeys: it counts and earns from the start of the epoch after the next", async function () {
      const { subnets, stakeToken, netuid } = await loadFixture(fullFixture);
      await expect(subnets.connect(staker).stake(netuid, erin.address, ONE))
        .to.be.revertedWithCustomError(subnets, "SubnetNotRegistered")
        .withArgs(netuid, erin.address);
      await expect(subnets.connect(staker).stake(netuid, alice.address, 0n)).to.be.revertedWithCustomError(
        subnets,
        "SubnetZeroAmount",
      );
      const tx = subnets.connect(staker).stake(netuid, alice.address, 5n * ONE);
      await expect(tx)
        .to.emit(subnets, "Staked")
        .withArgs(netuid, alice.address, staker.address, 5n * ONE, 2n);
      await expect(tx).to.changeTokenBalances(ethers, stakeToken, [staker, subnets], [-5n * ONE, 5n * ONE]);
      let info = await subnets.stakeOf(netuid, alice.address);
      expect([info.active, info.pendingNext, info.pendingLater, info.take, info.epochsStarted]).to.deep.equal([
        0n,
        0n,
        5n * ONE,
        DEFAULT_TAKE,
        0n,
      ]);
      // The first epoch pays for the tempo in which the stake arrived: it does not count there.
      await mine(30);
      await subnets.advanceEpoch(netuid, []);
      info = await subnets.stakeOf(netuid, alice.address);
      expect([info.active, info.pendingNext, info.pendingLater]).to.deep.equal([0n, 5n * ONE, 0n]);
      // Stake added while the epoch runs waits for the epoch after the next too.
      await expect(subnets.connect(staker).stake(netuid, alice.address, ONE))
        .to.emit(subnets, "Staked")
        .withArgs(netuid, alice.address, staker.address, ONE, 3n);
      let p = await subnets.positionOf(netuid, alice.address, staker.address);
      expect([p.active, p.pendingNext, p.pendingLater]).to.deep.equal([0n, 5n * ONE, ONE]);
      expect((await subnets.neuron(netuid, 0n)).stake).to.equal(0n);
      expect((await subnets.neuron(netuid, 0n)).pendingStake).to.equal(5n * ONE);
      await runEpoch(subnets, netuid);
      await mine(30);
      await subnets.advanceEpoch(netuid, []);
      p = await subnets.positionOf(netuid, alice.address, staker.address);
      expect([p.active, p.pendingNext, p.pendingLater]).to.deep.equal([5n * ONE, ONE, 0n]);
      info = await subnets.stakeOf(netuid, alice.address);
      expect([info.active, info.pendingNext, info.pendingLater]).to.deep.equal([5n * ONE, ONE, 0n]);
      expect((await subnets.neuron(netuid, 0n)).stake).to.equal(5n * ONE);
    });

    it("splits dividends: take to the coldkey, the rest to earning stake only (JIT stake earns nothing)", async function () {
      const { subnets, rewardToken, stakeToken, netuid } = await loadFixture(fullFixture);
      await subnets.connect(staker).stake(netuid, alice.address, 3n * ONE);
      await subnets.connect(cold).stake(netuid, alice.address, ONE);
      await runEpoch(subnets, netuid);
      await runEpoch(subnets, netuid); // both count and earn from here
      // A JIT staker arrives before an epoch and stays through it: it neither counts nor earns there.
      await subnets.connect(erin).stake(netuid, alice.address, 1000n * ONE);
      await runEpoch(subnets, netuid);
      expect((await subnets.stakeOf(netuid, alice.address)).pendingNext).to.equal(1000n * ONE);
      const before = await subnets.claimable(netuid, cold.address);
      const stakerBefore = (await subnets.positionOf(netuid, alice.address, staker.address)).rewards;
      const coldBefore = (await subnets.positionOf(netuid, alice.address, cold.address)).rewards;
      const unit = 10n ** 15n;
      await subnets.creditEmission(netuid, alice.address, 7n * ONE, 65_535n * unit);
      const take = 11_796n * unit;
      expect((await subnets.claimable(netuid, cold.address)) - before).to.equal(7n * ONE + take);
      const rest = 65_535n * unit - take;
      const stakerShare = (await subnets.positionOf(netuid, alice.address, staker.address)).rewards;
      const coldShare = (await subnets.positionOf(netuid, alice.address, cold.address)).rewards;
      expect(stakerShare - stakerBefore).to.be.closeTo((rest * 3n) / 4n, 2n);
      expect(coldShare - coldBefore).to.be.closeTo(rest / 4n, 2n);
      expect(stakerShare - stakerBefore + coldShare - coldBefore).to.be.lessThanOrEqual(rest);
      expect((await subnets.positionOf(netuid, alice.address, erin.address)).rewards).to.equal(0n);
      // The JIT staker leaves with exactly its stake, at once: it never counted.
      const tx = subnets.connect(erin).unstake(netuid, alice.address, 1000n * ONE);
      await expect(tx).to.changeTokenBalances(ethers, rewardToken, [erin], [0n]);
      await expect(tx).to.changeTokenBalances(ethers, stakeToken, [erin], [1000n * ONE]);
      await expect(tx)
        .to.emit(subnets, "Unstaked")
        .withArgs(netuid, alice.address, erin.address, 1000n * ONE, 0n, 0n);
      await expect(tx)
        .to.emit(subnets, "StakeWithdrawn")
        .withArgs(netuid, alice.address, erin.address, 1000n * ONE);
      // The staker claims; a second claim has nothing.
      await expect(subnets.connect(staker).claimStakeRewards(netuid, [alice.address], ZeroAddress))
        .to.be.revertedWithCustomError(subnets, "SubnetInvalidRecipient")
        .withArgs(ZeroAddress);
      const claim = subnets.connect(staker).claimStakeRewards(netuid, [alice.address, bob.address], dave.address);
      await expect(claim)
        .to.emit(subnets, "StakeRewardsClaimed")
        .withArgs(netuid, alice.address, staker.address, dave.address, stakerShare);
      await expect(claim).to.changeTokenBalances(ethers, rewardToken, [dave], [stakerShare]);
      await expect(subnets.connect(staker).claimStakeRewards(netuid, [alice.address], dave.address))
        .to.be.revertedWithCustomError(subnets, "SubnetNothingToClaim")
        .withArgs(staker.address);
      // The coldkey unstakes and receives its dividends; its stake counted, so it unbonds until the next epoch.
      const out = subnets.connect(cold).unstake(netuid, alice.address, ONE);
      await expect(out).to.changeTokenBalances(ethers, rewardToken, [cold], [coldShare]);
      await expect(out).to.changeTokenBalances(ethers, stakeToken, [cold], [0n]);
      await expect(out).to.emit(subnets, "Unstaked").withArgs(netuid, alice.address, cold.address, ONE, ONE, 4n);
    });

    it("credits all dividends to the coldkey when the hotkey has no active stake", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      await subnets.connect(staker).stake(netuid, bob.address, ONE); // pending only
      await subnets.creditEmission(netuid, bob.address, 1n, 10n * ONE);
      expect(await subnets.claimable(netuid, bob.address)).to.equal(10n * ONE + 1n);
      expect((await subnets.positionOf(netuid, bob.address, staker.address)).rewards).to.equal(0n);
    });

    it("L-06 a running epoch holds no stake: pending stake leaves at once, counted stake unbonds, never more than held", async function () {
      const { subnets, stakeToken, netuid } = await loadFixture(fullFixture);
      await subnets.connect(staker).stake(netuid, alice.address, 2n * ONE);
      await runEpoch(subnets, netuid);
      await runEpoch(subnets, netuid); // counts from here
      await subnets.connect(staker).stake(netuid, alice.address, ONE);
      await expect(subnets.connect(staker).unstake(netuid, alice.address, 4n * ONE))
        .to.be.revertedWithCustomError(subnets, "SubnetInsufficientStake")
        .withArgs(alice.address, staker.address, 3n * ONE, 4n * ONE);
      await expect(subnets.connect(staker).unstake(netuid, alice.address, 0n)).to.be.revertedWithCustomError(
        subnets,
        "SubnetZeroAmount",
      );
      await expect(subnets.connect(staker).withdrawStake(netuid, alice.address))
        .to.be.revertedWithCustomError(subnets, "SubnetStakeUnbonding")
        .withArgs(alice.address, staker.address, 0n, 0n);
      // The pending part comes back at once, the rest unbonds until epoch 3 starts.
      const half = ONE + ONE / 2n;
      const tx = subnets.connect(staker).unstake(netuid, alice.address, half);
      await expect(tx).to.changeTokenBalances(ethers, stakeToken, [staker], [ONE]);
      await expect(tx)
        .to.emit(subnets, "Unstaked")
        .withArgs(netuid, alice.address, staker.address, half, ONE / 2n, 3n);
      let p = await subnets.positionOf(netuid, alice.address, staker.address);
      expect([p.active, p.pendingNext, p.pendingLater, p.unbonding, p.unbondingUntil, p.withdrawable]).to.deep.equal([
        ONE + ONE / 2n,
        0n,
        0n,
        ONE / 2n,
        3n,
        0n,
      ]);
      const s = await subnets.stakeOf(netuid, alice.address);
      expect([s.active, s.pendingNext, s.pendingLater]).to.deep.equal([ONE + ONE / 2n, 0n, 0n]);
      await expect(subnets.connect(staker).withdrawStake(netuid, alice.address))
        .to.be.revertedWithCustomError(subnets, "SubnetStakeUnbonding")
        .withArgs(alice.address, staker.address, ONE / 2n, 3n);
      // While an epoch runs, stake may still unbond: it counted in this epoch, so it leaves once the next starts.
      await mine(30);
      await subnets.advanceEpoch(netuid, []);
      expect((await subnets.subnet(netuid)).epochRunning).to.equal(true);
      // The unbonding from before is free now; it is paid with this unstake, and the new part waits.
      const during = subnets.connect(staker).unstake(netuid, alice.address, ONE);
      await expect(during).to.changeTokenBalances(ethers, stakeToken, [staker], [ONE / 2n]);
      await expect(during).to.emit(subnets, "Unstaked").withArgs(netuid, alice.address, staker.address, ONE, ONE, 4n);
      p = await subnets.positionOf(netuid, alice.address, staker.address);
      expect([p.active, p.unbonding, p.unbondingUntil]).to.deep.equal([ONE / 2n, ONE, 4n]);
      while ((await subnets.subnet(netuid)).epochRunning) await subnets.advanceEpoch(netuid, []);
      await mine(30);
      await subnets.advanceEpoch(netuid, []);
      const out = subnets.connect(staker).withdrawStake(netuid, alice.address);
      await expect(out).to.changeTokenBalances(ethers, stakeToken, [staker, subnets], [ONE, -ONE]);
      await expect(out).to.emit(subnets, "StakeWithdrawn").withArgs(netuid, alice.address, staker.address, ONE);
      p = await subnets.positionOf(netuid, alice.address, staker.address);
      expect([p.unbonding, p.unbondingUntil, p.withdrawable]).to.deep.equal([0n, 0n, 0n]);
    });

    it("lets the coldkey lower the take at once and raise it from the epoch after the next", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      await expect(subnets.connect(alice).setTake(netuid, alice.address, 100))
        .to.be.revertedWithCustomError(subnets, "SubnetNotColdkey")
        .withArgs(alice.address, alice.address);
      await expect(subnets.connect(cold).setTake(netuid, alice.address, 11_797))
        .to.be.revertedWithCustomError(subnets, "SubnetTakeTooHigh")
        .withArgs(11_797n, 11_796n);
      await expect(subnets.connect(cold).setTake(netuid, alice.address, 1000))
        .to.emit(subnets, "TakeSet")
        .withArgs(netuid, alice.address, 1000n, 0n);
      expect((await subnets.stakeOf(netuid, alice.address)).take).to.equal(1000n);
      await expect(subnets.connect(cold).setTake(netuid, alice.address, 5000))
        .to.emit(subnets, "TakeSet")
        .withArgs(netuid, alice.address, 5000n, 2n);
      let info = await subnets.stakeOf(netuid, alice.address);
      expect([info.take, info.nextTake, info.nextTakeFrom]).to.deep.equal([1000n, 5000n, 2n]);
      await runEpoch(subnets, netuid);
      expect((await subnets.stakeOf(netuid, alice.address)).take).to.equal(1000n);
      await mine(30);
      await subnets.advanceEpoch(netuid, []); // the second epoch starts
      info = await subnets.stakeOf(netuid, alice.address);
      expect([info.take, info.nextTake, info.nextTakeFrom]).to.deep.equal([5000n, 5000n, 0n]);
    });

    it("pays claimable rewards to a recipient once", async function () {
      const { subnets, rewardToken, netuid } = await loadFixture(fullFixture);
      const [, bobUid] = await subnets.uidOf(netuid, bob.address);
      await expect(subnets.connect(bob).claim(netuid, [bobUid], bob.address))
        .to.be.revertedWithCustomError(subnets, "SubnetNothingToClaim")
        .withArgs(bob.address);
      await subnets.creditEmission(netuid, bob.address, 5n, 0n);
      expect(await subnets.unclaimedUids(netuid, bob.address)).to.deep.equal([bobUid]);
      expect((await subnets.neuron(netuid, bobUid)).unclaimed).to.equal(5n);
      await expect(subnets.connect(bob).claim(netuid, [bobUid], ZeroAddress))
        .to.be.revertedWithCustomError(subnets, "SubnetInvalidRecipient")
        .withArgs(ZeroAddress);
      // Only the UID's coldkey claims for it; a UID past the registered ones belongs to nobody.
      await expect(subnets.connect(carol).claim(netuid, [bobUid], carol.address))
        .to.be.revertedWithCustomError(subnets, "SubnetNotUidColdkey")
        .withArgs(bobUid, carol.address);
      await expect(subnets.connect(bob).claim(netuid, [bobUid, 9n], bob.address))
        .to.be.revertedWithCustomError(subnets, "SubnetNotUidColdkey")
        .withArgs(9n, bob.address);
      // Naming the UID twice pays it once.
      const tx = subnets.connect(bob).claim(netuid, [bobUid, bobUid], carol.address);
      await expect(tx).to.emit(subnets, "RewardsClaimed").withArgs(netuid, bob.address, carol.address, 5n);
      await expect(tx).to.changeTokenBalances(ethers, rewardToken, [carol, subnets], [5n, -5n]);
      expect(await subnets.claimable(netuid, bob.address)).to.equal(0n);
      expect(await subnets.unclaimedUids(netuid, bob.address)).to.deep.equal([]);
      // The rest of the metagraph word stays as the epoch wrote it.
      expect((await subnets.neuron(netuid, bobUid)).unclaimed).to.equal(0n);
    });

    it("keeps what a replaced UID had yet to claim for its coldkey, and claims it without the UID", async function () {
      const { subnets, rewardToken, netuid } = await loadFixture(fullFixture);
      await mine(40); // all out of immunity
      const [, daveUid] = await subnets.uidOf(netuid, dave.address);
      for (const uid of [0n, 1n, 2n, 3n]) await subnets.setMetagraphWord(netuid, uid, 100n << 80n);
      // Dave's UID: the lowest emission (1), and 7 units yet to claim.
      await subnets.setMetagraphWord(netuid, daveUid, (1n << 80n) | (7n << 176n));
      expect(await subnets.claimable(netuid, dave.address)).to.equal(7n);
      await expect(subnets.connect(erin).register(netuid, erin.address, ZeroAddress, ethers.MaxUint256))
        .to.emit(subnets, "NeuronPruned")
        .withArgs(netuid, daveUid, dave.address);
      expect((await subnets.neuron(netuid, daveUid)).unclaimed).to.equal(0n);
      expect(await subnets.claimable(netuid, dave.address)).to.equal(7n);
      expect(await subnets.unclaimedUids(netuid, dave.address)).to.deep.equal([]);
      // The UID is Erin's now: Dave claims without it.
      await expect(subnets.connect(dave).claim(netuid, [daveUid], dave.address))
        .to.be.revertedWithCustomError(subnets, "SubnetNotUidColdkey")
        .withArgs(daveUid, dave.address);
      await expect(subnets.connect(dave).claim(netuid, [], dave.address)).to.changeTokenBalances(
        ethers,
        rewardToken,
        [dave],
        [7n],
      );
    });
  });

  describe("epochs", function () {
    it("is due one tempo after creation, then one tempo after each start", async function () {
      const { subnets, netuid } = await loadFixture(subnetFixture);
      const due = (await subnets.subnet(netuid)).nextEpochBlock;
      await expect(subnets.advanceEpoch(netuid, []))
        .to.be.revertedWithCustomError(subnets, "SubnetEpochNotDue")
        .withArgs(netuid, due);
      await mine(Number(due - (await blockNumber()) - 1n));
      await subnets.advanceEpoch(netuid, []);
      const started = await blockNumber();
      expect(started).to.equal(due);
      while ((await subnets.subnet(netuid)).epochRunning) await subnets.advanceEpoch(netuid, []);
      const info = await subnets.subnet(netuid);
      expect([info.epochNumber, info.lastEpochBlock, info.nextEpochBlock]).to.deep.equal([1n, started, started + 20n]);
    });

    it("takes the emission from the pool, pays the owner's cut and the keeper out of it, returns the dust", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      const pool = (await subnets.subnet(netuid)).rewardPool;
      const receipts = await runEpoch(subnets, netuid, keeper);
      const emission = 100n * ONE;
      const cut = (emission * 11_796n) / U16;
      const events = receipts.flatMap((r) =>
        r!.logs.map((l) => subnets.interface.parseLog(l)).filter((e) => e !== null),
      );
      const started = events.find((e) => e.name === "EpochStarted")!;
      expect([started.args.epoch, started.args.emission, started.args.ownerCut]).to.deep.equal([0n, emission, cut]);
      const completed = events.find((e) => e.name === "EpochCompleted")!;
      const { paid, dust } = completed.args;
      expect(completed.args.emission).to.equal(emission - cut - ONE);
      expect(paid + dust).to.equal(emission - cut - ONE);
      const keeperEvent = events.find((e) => e.name === "KeeperRewarded")!;
      expect([keeperEvent.args.keeper, keeperEvent.args.amount]).to.deep.equal([keeper.address, ONE]);
      expect(await subnets.claimable(netuid, owner.address)).to.equal(cut);
      expect(await subnets.claimable(netuid, keeper.address)).to.equal(ONE);
      expect((await subnets.subnet(netuid)).rewardPool).to.equal(pool - emission + dust);
    });

    it("M-02 an owner's huge keeper reward cannot drain the pool: the keeper takes at most 5% of the emission", async function () {
      const { subnets, rewardToken, params } = await loadFixture(deployFixture);
      // The reproduction: a sponsor funds 50,000, miners pay registrations, the owner sets keeperReward = 2^128 - 1.
      await subnets
        .connect(owner)
        .createSubnet(params({ keeperReward: (1n << 128n) - 1n, ownerCut: 29_491 }), { value: FEE });
      await subnets.connect(alice).fund(1n, 50_000n * ONE);
      for (const s of [alice, bob, carol])
        await subnets.connect(s).register(1n, s.address, ZeroAddress, ethers.MaxUint256);
      const pool = (await subnets.subnet(1n)).rewardPool;
      await runEpoch(subnets, 1n, owner);
      const emission = 100n * ONE;
      const cut = (emission * 29_491n) / U16;
      const keeperPay = (emission * 3276n) / U16;
      // The owner completed the epoch itself: its take is its cut plus the keeper's reward, at most half the emission.
      const taken = await subnets.claimable(1n, owner.address);
      expect(taken).to.equal(cut + keeperPay);
      expect(taken).to.be.lessThanOrEqual(emission / 2n);
      // Everything else stays in the pool or was paid to the UIDs.
      expect((await subnets.subnet(1n)).rewardPool).to.be.greaterThanOrEqual(pool - emission);
      expect(await rewardToken.balanceOf(subnets.target)).to.equal(pool);
    });

    it("M-02 the owner's cut is capped at 45%, so that with the keeper's 5% an owner takes at most half", async function () {
      const { subnets, params, netuid } = await loadFixture(subnetFixture);
      await expect(subnets.connect(owner).createSubnet(params({ ownerCut: 29_492 }), { value: FEE }))
        .to.be.revertedWithCustomError(subnets, "SubnetOwnerCutTooHigh")
        .withArgs(29_492n, 29_491n);
      await expect(subnets.connect(owner).setHyperparameters(netuid, { ...PARAMS, ownerCut: 29_492 }))
        .to.be.revertedWithCustomError(subnets, "SubnetOwnerCutTooHigh")
        .withArgs(29_492n, 29_491n);
    });

    it("distributes at most the pool, and pays the keeper its share of what was taken", async function () {
      const { subnets, rewardToken, params } = await loadFixture(deployFixture);
      await subnets.connect(owner).createSubnet(params({ keeperReward: 10n * ONE }), { value: FEE });
      await subnets.connect(owner).fund(1n, 3n * ONE);
      await runEpoch(subnets, 1n, keeper);
      // Nobody to pay: all of 3 but the cut and the keeper's 5% comes back as dust.
      const cut = (3n * ONE * 11_796n) / U16;
      const keeperPay = (3n * ONE * 3276n) / U16;
      expect(await subnets.claimable(1n, keeper.address)).to.equal(keeperPay);
      expect((await subnets.subnet(1n)).rewardPool).to.equal(3n * ONE - cut - keeperPay);
      expect(await rewardToken.balanceOf(subnets.target)).to.equal(3n * ONE);
    });

    it("refuses changes to the running epoch's inputs; stake may leave (unbonding) and settings be queued", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      // A candidate drops bonds when the subnet resets them: it waits for the epoch too.
      await subnets.setHyperparametersNow(netuid, { ...PARAMS, bondsReset: true });
      await mine(30);
      await subnets.advanceEpoch(netuid, []);
      expect((await subnets.subnet(netuid)).epochRunning).to.equal(true);
      const calls = [
        () => subnets.connect(alice).publishCandidate(netuid, cid(3), "0x"),
        () => subnets.connect(erin).register(netuid, erin.address, ZeroAddress, ethers.MaxUint256),
        () => subnets.connect(alice).commitWeights(netuid, SALT),
        () => subnets.connect(alice).revealWeights(netuid, [], [], SALT, 0n),
        () => subnets.connect(alice).setWeights(netuid, [], [], 0n),
        () => subnets.connect(owner).setOwnerHotkey(netuid, alice.address),
      ];
      for (const call of calls) {
        await expect(call()).to.be.revertedWithCustomError(subnets, "SubnetEpochRunning").withArgs(netuid);
      }
      // Anyone may step it to its end.
      while ((await subnets.subnet(netuid)).epochRunning) await subnets.connect(erin).advanceEpoch(netuid, []);
      await subnets.connect(erin).register(netuid, erin.address, ZeroAddress, ethers.MaxUint256);
    });
  });

  describe("emission status", function () {
    it("reads the reward token, the completed epochs, the next due block, and the permits but the owner's", async function () {
      const { subnets, rewardToken, netuid } = await loadFixture(fullFixture);
      const created = (await subnets.subnet(netuid)).createdAt;
      expect(await subnets.emissionStatus(netuid)).to.deep.equal([rewardToken.target, 0n, created + 20n, 0n]);
      await subnets.connect(cold).stake(netuid, alice.address, 30n * ONE);
      await subnets.connect(bob).stake(netuid, bob.address, 20n * ONE);
      for (let i = 0; i < 2; i++) await runEpoch(subnets, netuid);
      let info = await subnets.subnet(netuid);
      expect(info.validatorPermits).to.equal(0b11n);
      expect(await subnets.emissionStatus(netuid)).to.deep.equal([
        rewardToken.target,
        2n,
        info.lastEpochBlock + 20n,
        0b11n,
      ]);
      // The owner's hotkey keeps a permit without stake: it is not counted, from the moment it is the owner's.
      await subnets.connect(owner).setOwnerHotkey(netuid, bob.address);
      expect((await subnets.emissionStatus(netuid)).validators).to.equal(0b01n);
      await runEpoch(subnets, netuid);
      info = await subnets.subnet(netuid);
      expect(info.validatorPermits).to.equal(0b11n);
      expect(await subnets.emissionStatus(netuid)).to.deep.equal([
        rewardToken.target,
        3n,
        info.lastEpochBlock + 20n,
        0b01n,
      ]);
      await expect(subnets.emissionStatus(99n)).to.be.revertedWithCustomError(subnets, "SubnetNotFound").withArgs(99n);
    });
  });

  describe("end to end, with the Yuma epoch", function () {
    /** Pays, per epoch: `paid` from the EpochCompleted event and the sum of the metagraph emissions. */
    async function epochTotals(subnets: SubnetsHarness, netuid: bigint) {
      const receipts = await runEpoch(subnets, netuid);
      const completed = receipts
        .flatMap((r) => r!.logs.map((l) => subnets.interface.parseLog(l)).filter((e) => e !== null))
        .find((e) => e.name === "EpochCompleted")!;
      const neurons = await subnets.neurons(netuid, 0n, 256n);
      return {
        emission: completed.args.emission as bigint,
        paid: completed.args.paid as bigint,
        dust: completed.args.dust as bigint,
        metagraph: neurons.reduce((sum, n) => sum + n.emission, 0n),
        neurons,
      };
    }

    it("pays miners by revealed weights and validators by stake; a UID sniped after the reveal gets nothing", async function () {
      const { subnets, rewardToken, netuid } = await loadFixture(fullFixture);
      // Alice (coldkey `cold`) and Bob validate with stake; Carol and Dave mine.
      await subnets.connect(cold).stake(netuid, alice.address, 30n * ONE);
      await subnets.connect(staker).stake(netuid, alice.address, 10n * ONE);
      await subnets.connect(bob).stake(netuid, bob.address, 20n * ONE);
      // Epoch 0 pays for the tempo the stake arrived in; epoch 1 counts it and gives the permits.
      let totals = await epochTotals(subnets, netuid);
      expect(totals.paid + totals.dust).to.equal(totals.emission);
      expect((await subnets.subnet(netuid)).validatorPermits).to.equal(0n);
      totals = await epochTotals(subnets, netuid);
      expect(totals.paid + totals.dust).to.equal(totals.emission);
      expect(totals.metagraph).to.equal(totals.paid);
      expect((await subnets.subnet(netuid)).validatorPermits & 0b11n).to.equal(0b11n);

      await subnets.connect(alice).commitWeights(netuid, commitHash(alice.address, netuid, [2, 3], [1, 1]));
      await subnets.connect(bob).commitWeights(netuid, commitHash(bob.address, netuid, [2, 3], [1, 1]));
      totals = await epochTotals(subnets, netuid);
      expect(totals.paid + totals.dust).to.equal(totals.emission);
      expect(totals.metagraph).to.equal(totals.paid);
      await subnets.connect(alice).revealWeights(netuid, [2, 3], [1, 1], SALT, 0n);
      await subnets.connect(bob).revealWeights(netuid, [2, 3], [1, 1], SALT, 0n);

      // Erin snipes Dave's UID after the weights were revealed: the weights on UID 3 predate her.
      for (const uid of [0n, 1n, 2n]) await subnets.setMetagraphWord(netuid, uid, 1n << 150n);
      await subnets.setMetagraphWord(netuid, 3n, 0n);
      await subnets.connect(erin).register(netuid, erin.address, ZeroAddress, ethers.MaxUint256);
      expect(await subnets.uidOf(netuid, erin.address)).to.deep.equal([true, 3n]);

      const claimBefore = await Promise.all([carol, erin, cold, bob].map((a) => subnets.claimable(netuid, a.address)));
      const stakerBefore = (await subnets.positionOf(netuid, alice.address, staker.address)).rewards;
      const coldBefore = (await subnets.positionOf(netuid, alice.address, cold.address)).rewards;
      const bobBefore = (await subnets.positionOf(netuid, bob.address, bob.address)).rewards;
      totals = await epochTotals(subnets, netuid);
      expect(totals.paid + totals.dust).to.equal(totals.emission);
      // The epoch's fixed-point shares (I32F32) leave at most about a billionth of the emission unpaid.
      expect(totals.dust).to.be.lessThan(totals.emission / 1_000_000n);
      expect(totals.metagraph).to.equal(totals.paid);
      const [n0, n1, n2, n3] = totals.neurons;
      expect(n2.incentive).to.equal(65_535n);
      expect(n3.incentive).to.equal(0n);
      expect(n3.emission).to.equal(0n);
      expect(n2.emission).to.be.greaterThan(0n);
      expect(n0.dividends + n1.dividends).to.be.greaterThan(0n);

      // Credits match the metagraph: Carol's incentive is all hers; validators' dividends are split.
      const claimAfter = await Promise.all([carol, erin, cold, bob].map((a) => subnets.claimable(netuid, a.address)));
      expect(claimAfter[0] - claimBefore[0]).to.equal(n2.emission);
      expect(claimAfter[1] - claimBefore[1]).to.equal(0n);
      const aliceStakers =
        (await subnets.positionOf(netuid, alice.address, staker.address)).rewards -
        stakerBefore +
        (await subnets.positionOf(netuid, alice.address, cold.address)).rewards -
        coldBefore;
      const aliceTake = (n0.emission * 11_796n) / U16;
      expect(claimAfter[2] - claimBefore[2]).to.equal(aliceTake);
      expect(aliceStakers).to.be.closeTo(n0.emission - aliceTake, 2n);
      expect(aliceStakers).to.be.lessThanOrEqual(n0.emission - aliceTake);
      // Bob's hotkey is its own coldkey and only staker: take and dividends come to him.
      const bobStake = (await subnets.positionOf(netuid, bob.address, bob.address)).rewards - bobBefore;
      expect(claimAfter[3] - claimBefore[3]).to.equal((n1.emission * 11_796n) / U16);
      expect(claimAfter[3] - claimBefore[3] + bobStake).to.be.closeTo(n1.emission, 2n);

      // Claims pay what was credited.
      await expect(subnets.connect(carol).claim(netuid, [2n], carol.address)).to.changeTokenBalances(
        ethers,
        rewardToken,
        [carol],
        [claimAfter[0]],
      );
      const stakerRewards = (await subnets.positionOf(netuid, alice.address, staker.address)).rewards;
      await expect(
        subnets.connect(staker).claimStakeRewards(netuid, [alice.address], staker.address),
      ).to.changeTokenBalances(ethers, rewardToken, [staker], [stakerRewards]);
    });

    it("gives no dividends to stake added just before an epoch (JIT stake)", async function () {
      const { subnets, netuid } = await loadFixture(fullFixture);
      await subnets.connect(staker).stake(netuid, alice.address, 10n * ONE);
      await epochTotals(subnets, netuid);
      await epochTotals(subnets, netuid);
      // Erin stakes 100 times more on Alice right before the next epoch and leaves right after.
      await subnets.connect(erin).stake(netuid, alice.address, 1000n * ONE);
      const totals = await epochTotals(subnets, netuid);
      expect(totals.neurons[0].emission).to.be.greaterThan(0n);
      expect((await subnets.positionOf(netuid, alice.address, erin.address)).rewards).to.equal(0n);
      expect((await subnets.positionOf(netuid, alice.address, staker.address)).rewards).to.be.greaterThan(0n);
    });
  });
});
