import { expect } from "chai";
import { network } from "hardhat";

import { ONE } from "../fixtures/constants.js";
import { commitHash, NETUID, SALT, subnetHelpers } from "./fixture.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine } = networkHelpers;
const { signers, owner, subnetWith, epoch, predict } = await subnetHelpers(connection);

describe("Subnets under attack", function () {
  describe("weight copying", function () {
    // UIDs: 0, 1 honest validators (40 each), 2 the copier (20), 3 miner A, 4 miner B.
    async function copyingFixture() {
      const f = await subnetWith({ maxUids: 5, maxValidators: 3 }, 5);
      const [h1, h2, copier] = signers.slice(2, 5);
      await f.subnets.connect(h1).stake(NETUID, h1.address, 40n * ONE);
      await f.subnets.connect(h2).stake(NETUID, h2.address, 40n * ONE);
      await f.subnets.connect(copier).stake(NETUID, copier.address, 20n * ONE);
      await epoch(f.subnets); // stake weighs, permits given
      await epoch(f.subnets); // stake earns
      return { ...f, h1, h2, copier };
    }

    it("sees only hashes, and cannot reveal another validator's payload as its own", async function () {
      const { subnets, h1, copier } = await loadFixture(copyingFixture);
      const hash = commitHash(h1.address, NETUID, [3], [1]);
      await subnets.connect(h1).commitWeights(NETUID, hash);
      // All the copier can read of the honest commit is its hash; committing the same hash binds nothing of its own.
      expect((await subnets.commitOf(NETUID, 0n)).hash).to.equal(hash);
      await subnets.connect(copier).commitWeights(NETUID, hash);
      await epoch(subnets);
      const ownHash = commitHash(copier.address, NETUID, [3], [1]);
      await expect(subnets.connect(copier).revealWeights(NETUID, [3], [1], SALT, 0n))
        .to.be.revertedWithCustomError(subnets, "SubnetRevealMismatch")
        .withArgs(2n, ownHash, hash);
      await subnets.connect(h1).revealWeights(NETUID, [3], [1], SALT, 0n);
      expect(await subnets.weightsOf(NETUID, 0n)).to.deep.equal([0n, 0n, 0n, 65_535n, 0n]);
      expect(await subnets.weightsOf(NETUID, 2n)).to.deep.equal([0n, 0n, 0n, 0n, 0n]);
    });

    it("leaves a copier of the last revealed weights behind when the miners' quality changes", async function () {
      const { subnets, h1, h2, copier } = await loadFixture(copyingFixture);
      // Epoch interval e: A is the better miner. The copier has nothing to copy yet and weighs both.
      await subnets.connect(h1).commitWeights(NETUID, commitHash(h1.address, NETUID, [3, 4], [9, 1]));
      await subnets.connect(h2).commitWeights(NETUID, commitHash(h2.address, NETUID, [3, 4], [9, 1]));
      await subnets.connect(copier).commitWeights(NETUID, commitHash(copier.address, NETUID, [3, 4], [1, 1]));
      await epoch(subnets);
      await subnets.connect(h1).revealWeights(NETUID, [3, 4], [9, 1], SALT, 0n);
      await subnets.connect(h2).revealWeights(NETUID, [3, 4], [9, 1], SALT, 0n);
      await subnets.connect(copier).revealWeights(NETUID, [3, 4], [1, 1], SALT, 0n);
      // Interval e + 1: B is now better. The honest validators weigh what they measure; the copier can only copy
      // the weights just revealed.
      await subnets.connect(h1).commitWeights(NETUID, commitHash(h1.address, NETUID, [3, 4], [1, 9]));
      await subnets.connect(h2).commitWeights(NETUID, commitHash(h2.address, NETUID, [3, 4], [1, 9]));
      const copied = (await subnets.weightsOf(NETUID, 0n)).map(Number);
      expect(copied).to.deep.equal([0, 0, 0, 65_535, 7_281]);
      await subnets
        .connect(copier)
        .commitWeights(NETUID, commitHash(copier.address, NETUID, [3, 4], [copied[3], copied[4]]));
      await epoch(subnets);
      await subnets.connect(h1).revealWeights(NETUID, [3, 4], [1, 9], SALT, 0n);
      await subnets.connect(h2).revealWeights(NETUID, [3, 4], [1, 9], SALT, 0n);
      await subnets.connect(copier).revealWeights(NETUID, [3, 4], [copied[3], copied[4]], SALT, 0n);
      const stakerRewards = async (hotkey: string) => (await subnets.positionOf(NETUID, hotkey, hotkey)).rewards;
      const before = await Promise.all([h1, h2, copier].map((h) => stakerRewards(h.address)));
      await epoch(subnets);
      const after = await Promise.all([h1, h2, copier].map((h) => stakerRewards(h.address)));
      const neurons = await subnets.neurons(NETUID, 0n, 5n);
      // [consensus, incentive, dividends, validator trust, emission]: consensus follows the honest 1:9 on A:B.
      expect(neurons.map((u) => [u.consensus, u.incentive, u.dividends, u.validatorTrust, u.emission])).to.deep.equal([
        [0n, 0n, 26_987n, 65_534n, 16_883_952_748_834_060_214n],
        [0n, 0n, 26_987n, 65_534n, 16_883_952_748_834_060_214n],
        [0n, 0n, 11_560n, 13_105n, 7_232_323_368_568_110_654n],
        [6_552n, 7_801n, 0n, 0n, 4_880_596_558_370_709_105n],
        [58_982n, 57_733n, 0n, 0n, 36_119_632_307_865_521_978n],
      ]);
      // The copier's stale 9:1 is clipped to consensus on A: a fifth of the honest validator trust, and per unit of
      // stake (20 against 40) its stakers earn 0.297 where the honest ones earn 0.346.
      expect(after.map((a, i) => a - before[i])).to.deep.equal([
        13_844_918_543_825_338_550n,
        13_844_918_543_825_338_550n,
        5_930_538_269_680_044_228n,
      ]);
      expect((after[2] - before[2]) * 2n).to.be.lessThan(after[0] - before[0]);
    });
  });

  describe("UID sniping", function () {
    // UIDs: 0, 1 validators; 2, 3 miners; the subnet is full (4 UIDs) and the miners leave immunity quickly.
    async function snipingFixture() {
      const f = await subnetWith({ maxUids: 4, maxValidators: 2, immunityPeriod: 10, minNonImmuneUids: 1 }, 4);
      const [v0, v1, m2, m3, sniper] = signers.slice(2, 7);
      await f.subnets.connect(v0).stake(NETUID, v0.address, 30n * ONE);
      await f.subnets.connect(v1).stake(NETUID, v1.address, 30n * ONE);
      await epoch(f.subnets);
      await epoch(f.subnets);
      return { ...f, v0, v1, m2, m3, sniper };
    }

    it("gives a UID registered while a commit is pending no weight from the weights that predate it", async function () {
      const { subnets, v0, v1, m2, m3, sniper } = await loadFixture(snipingFixture);
      for (const v of [v0, v1])
        await subnets.connect(v).commitWeights(NETUID, commitHash(v.address, NETUID, [2, 3], [1, 1]));
      await epoch(subnets);
      for (const v of [v0, v1]) await subnets.connect(v).revealWeights(NETUID, [2, 3], [1, 1], SALT, 0n);
      // Both validators commit their next weights; then the sniper takes UID 2 (the older of the two miners, whose
      // emission ties at 0 with UID 3's: the validators earned dividends).
      for (const v of [v0, v1])
        await subnets
          .connect(v)
          .commitWeights(NETUID, commitHash(v.address, NETUID, [2, 3], [1, 1], ethers.id("next")));
      const committedAt = (await subnets.commitOf(NETUID, 1n)).blockNumber;
      await expect(subnets.connect(sniper).register(NETUID, sniper.address, sniper.address, ethers.MaxUint256))
        .to.emit(subnets, "NeuronPruned")
        .withArgs(NETUID, 2n, m2.address);
      expect(await subnets.uidOf(NETUID, sniper.address)).to.deep.equal([true, 2n]);
      expect((await subnets.neuron(NETUID, 2n)).registeredAt).to.be.greaterThan(committedAt);
      // The stored weights on UID 2 were revealed, and their commits made, before the sniper registered.
      expect(await subnets.weightsOf(NETUID, 0n)).to.deep.equal([0n, 0n, 65_535n, 65_535n]);
      const predicted = await predict(subnets);
      await epoch(subnets);
      const neurons = await subnets.neurons(NETUID, 0n, 4n);
      expect(neurons.map((u) => [u.hotkey, u.incentive, u.emission])).to.deep.equal([
        [v0.address, 0n, 20_500_114_442_664_225_223n],
        [v1.address, 0n, 20_500_114_442_664_225_223n],
        [sniper.address, 0n, 0n],
        [m3.address, 65_535n, 41_000_228_885_328_450_446n],
      ]);
      expect(predicted.neurons.map((u) => u.emission)).to.deep.equal(neurons.map((u) => u.emission));
    });
  });

  describe("a cabal", function () {
    // UIDs 0-2 honest validators, 3-4 the cabal, 5 miner A, 6 miner B. Weights are set directly.
    async function cabalFixture(honestStake: bigint, cabalStake: bigint) {
      const f = await subnetWith({ maxUids: 7, maxValidators: 5, commitReveal: false }, 7);
      const hotkeys = signers.slice(2, 9);
      for (let i = 0; i < 5; i++) {
        await f.subnets.connect(hotkeys[i]).stake(NETUID, hotkeys[i].address, i < 3 ? honestStake : cabalStake);
      }
      await epoch(f.subnets);
      await epoch(f.subnets);
      for (let i = 0; i < 5; i++) {
        const [uids, weights] =
          i < 3
            ? [
                [5, 6],
                [9, 1],
              ]
            : [[6], [1]];
        await f.subnets.connect(hotkeys[i]).setWeights(NETUID, uids, weights, 0n);
      }
      await epoch(f.subnets);
      await epoch(f.subnets);
      return { ...f, neurons: await f.subnets.neurons(NETUID, 0n, 7n) };
    }
    const minority = () => cabalFixture(20n * ONE, 20n * ONE); // 60% / 40%
    const majority = () => cabalFixture((40n * ONE) / 3n, 30n * ONE); // 40% / 60%

    it("cannot move consensus with less than kappa of the stake", async function () {
      const { neurons } = await loadFixture(minority);
      // [consensus, incentive, dividends, validator trust, emission]. Consensus on B is the honest 1/10 (6552), so
      // the cabal's full weight on B counts only up to it: B's rank is 0.1 against A's 0.54, its incentive 0.1 / 0.64;
      // the cabal's validator trust is that 1/10, the honest validators' all of it.
      expect(neurons.map((u) => [u.consensus, u.incentive, u.dividends, u.validatorTrust, u.emission])).to.deep.equal([
        [0n, 0n, 20_479n, 65_534n, 12_812_637_509_375_258_096n],
        [0n, 0n, 20_479n, 65_534n, 12_812_637_509_375_258_096n],
        [0n, 0n, 20_479n, 65_534n, 12_812_637_509_375_258_096n],
        [0n, 0n, 2_047n, 6_552n, 1_281_158_159_509_118_715n],
        [0n, 0n, 2_047n, 6_552n, 1_281_158_159_509_118_715n],
        [58_982n, 55_295n, 0n, 0n, 34_594_438_049_598_418_143n],
        [6_552n, 10_239n, 0n, 0n, 6_405_790_816_637_812_939n],
      ]);
    });

    it("moves consensus with more than kappa of the stake", async function () {
      const { neurons } = await loadFixture(majority);
      // Now B's consensus is the cabal's 1 and A's is 0: A earns nothing, and the honest validators are the clipped ones.
      expect(neurons.map((u) => [u.consensus, u.incentive, u.dividends, u.validatorTrust, u.emission])).to.deep.equal([
        [0n, 0n, 1_365n, 6_552n, 853_999_859_699_670_333n],
        [0n, 0n, 1_365n, 6_552n, 853_999_859_699_670_333n],
        [0n, 0n, 1_365n, 6_552n, 853_999_859_699_670_333n],
        [0n, 0n, 30_719n, 65_535n, 19_219_114_634_022_500_360n],
        [0n, 0n, 30_719n, 65_535n, 19_219_114_634_022_500_360n],
        [0n, 0n, 0n, 0n, 0n],
        [65_535n, 65_535n, 0n, 0n, 41_000_228_885_328_450_446n],
      ]);
    });
  });

  describe("deregistration griefing", function () {
    const HALF_LIFE = 1_000_000n;
    /** The registration price as the contract computes it: halvings, linear within a half-life, clamped. */
    const priceAt = (last: bigint, lastBlock: bigint, block: bigint) => {
      const elapsed = block - lastBlock;
      let price = last >> (elapsed / HALF_LIFE);
      price -= (price * (elapsed % HALF_LIFE)) / (2n * HALF_LIFE);
      return price < ONE ? ONE : price > 1000n * ONE ? 1000n * ONE : price;
    };

    it("spares immune UIDs while enough are not immune, charges a geometric sum and never prunes the owner", async function () {
      const { subnets } = await subnetWith(
        {
          maxUids: 4,
          immunityPeriod: 100,
          minNonImmuneUids: 1,
          priceHalfLife: Number(HALF_LIFE),
          maxPrice: 1000n * ONE,
        },
        0,
      );
      const [o, a, b, c, n1, n2, n3] = signers.slice(2, 9);
      await subnets.connect(owner).setOwnerHotkey(NETUID, o.address);
      for (const h of [o, a, b, c]) await subnets.connect(h).register(NETUID, h.address, h.address, ethers.MaxUint256);
      await mine(100); // all out of immunity; no epoch ran, so every emission is 0
      const paid: bigint[] = [];
      const pruned: string[] = [];
      let lastBlock = 0n;
      for (const h of [n1, n2, n3]) {
        const receipt = await (
          await subnets.connect(h).register(NETUID, h.address, h.address, ethers.MaxUint256)
        ).wait();
        const events = receipt!.logs.map((l) => subnets.interface.parseLog(l)).filter((e) => e !== null);
        paid.push(events.find((e) => e.name === "NeuronRegistered")!.args.price);
        pruned.push(events.find((e) => e.name === "NeuronPruned")!.args.hotkey);
        lastBlock = BigInt(receipt!.blockNumber);
      }
      // The owner's UID 0 (registered first, emission 0: first in pruning's order) is skipped; a and b go, the
      // oldest first, while more than one UID is out of immunity; then only c is, so the best immune UID (n1) goes.
      expect(pruned).to.deep.equal([a.address, b.address, n1.address]);
      expect(await subnets.uidOf(NETUID, o.address)).to.deep.equal([true, 0n]);
      expect(await subnets.uidOf(NETUID, n2.address)).to.deep.equal([true, 2n]);
      // Each registration pays 1.26 times the last (rounded up), decayed by the blocks since.
      for (let i = 1; i < 3; i++) {
        expect(paid[i]).to.equal(
          priceAt((paid[i - 1] * 126n + 99n) / 100n, lastBlock - BigInt(3 - i), lastBlock - BigInt(2 - i)),
        );
      }
      // 1.26^4 ONE (four registrations) decayed by the blocks mined, then x1.26 per registration.
      expect(paid).to.deep.equal([2_520_342_695_557_296_148n, 3_175_630_208_586_294_946n, 4_001_292_062_171_700_223n]);
      expect(paid[0] + paid[1] + paid[2]).to.equal(9_697_264_966_315_291_317n);
    });
  });

  describe("H-01 flash-borrowed stake", function () {
    // UIDs: 0 an honest validator (300 staked), 1 the attacker's validator (10), 2 an honest miner, 3 the attacker's
    // miner, 4 a third validator for the permit attack. The honest validator weighs miner 2, the attacker miner 3.
    async function flashFixture() {
      const f = await subnetWith({ maxUids: 5, maxValidators: 2, commitReveal: false }, 5);
      const [honest, attacker, , attackerMiner, third, whale] = signers.slice(2, 8);
      await f.subnets.connect(honest).stake(NETUID, honest.address, 300n * ONE);
      await f.subnets.connect(attacker).stake(NETUID, attacker.address, 10n * ONE);
      await f.subnets.connect(third).stake(NETUID, third.address, ONE);
      await epoch(f.subnets); // the tempo the stake arrived in
      await epoch(f.subnets); // the stake counts: permits for the honest and the attacker's validator
      await f.subnets.connect(honest).setWeights(NETUID, [2], [1], 0n);
      await f.subnets.connect(attacker).setWeights(NETUID, [3], [1], 0n);
      await epoch(f.subnets);
      const staker = await ethers.deployContract("FlashStaker", [f.subnets.target]);
      const pool = await ethers.deployContract("MockLendingPool", [f.stakeToken.target]);
      await f.stakeToken.mint(pool.target, 1_000_000n * ONE);
      return { ...f, honest, attacker, attackerMiner, third, whale, staker, pool };
    }

    type Flash = Awaited<ReturnType<typeof flashFixture>>;
    /** Everything the attacker can claim: its coldkeys' rewards (validator take, miner incentive) and its stake's dividends. */
    const attackerRewards = async ({ subnets, attacker, attackerMiner, staker }: Flash) =>
      (await subnets.claimable(NETUID, attacker.address)) +
      (await subnets.claimable(NETUID, attackerMiner.address)) +
      (await subnets.positionOf(NETUID, attacker.address, attacker.address)).rewards +
      (await subnets.positionOf(NETUID, attacker.address, staker.target)).rewards;
    const metagraph = async ({ subnets }: Flash) =>
      (await subnets.neurons(NETUID, 0n, 5n)).map((u) => [
        u.consensus,
        u.incentive,
        u.dividends,
        u.emission,
        u.validatorPermit,
      ]);
    const toDue = async ({ subnets }: Flash) => {
      const info = await subnets.subnet(NETUID);
      await mine(Number(info.nextEpochBlock - BigInt(await ethers.provider.getBlockNumber()) - 1n));
    };

    it("H-01 one transaction: borrow, stake, run the whole epoch, unstake, repay gains nothing", async function () {
      // The baseline: the same epoch, run in one transaction at the same block, without the loan.
      let f = await loadFixture(flashFixture);
      await toDue(f);
      await f.staker.runEpoch(NETUID);
      const baseline = { rewards: await attackerRewards(f), metagraph: await metagraph(f) };
      // The attack: 100,000 borrowed stake tokens on the attacker's validator for the length of the epoch.
      f = await loadFixture(flashFixture);
      await toDue(f);
      await f.staker.attack(f.pool.target, NETUID, f.attacker.address, 100_000n * ONE);
      expect(await f.stakeToken.balanceOf(f.pool.target)).to.equal(1_000_000n * ONE);
      expect(await attackerRewards(f)).to.equal(baseline.rewards);
      expect(await metagraph(f)).to.deep.equal(baseline.metagraph);
      // The honest miner keeps its incentive; the attacker's miner got none.
      const [, , honestMiner, attackerMiner] = await f.subnets.neurons(NETUID, 0n, 5n);
      expect(honestMiner.incentive).to.equal(65_535n);
      expect(attackerMiner.incentive).to.equal(0n);
    });

    it("H-01 a few blocks: stake one block before an epoch, unstake after it, moves nothing and earns nothing", async function () {
      let f = await loadFixture(flashFixture);
      await toDue(f);
      await mine(1); // the block the stake takes below, so that both epochs start in the same block
      await epoch(f.subnets);
      const baseline = { rewards: await attackerRewards(f), metagraph: await metagraph(f) };
      f = await loadFixture(flashFixture);
      await toDue(f);
      // The whale's 1,000,000 arrive one block before the epoch, on the attacker's validator.
      await f.subnets.connect(f.whale).stake(NETUID, f.attacker.address, 1_000_000n * ONE);
      await epoch(f.subnets);
      expect(await metagraph(f)).to.deep.equal(baseline.metagraph);
      expect(await attackerRewards(f)).to.equal(baseline.rewards);
      // It never counted, so it leaves at once, with nothing earned.
      const leave = f.subnets.connect(f.whale).unstake(NETUID, f.attacker.address, 1_000_000n * ONE);
      await expect(leave).to.changeTokenBalances(ethers, f.stakeToken, [f.whale], [1_000_000n * ONE]);
      await expect(leave).to.changeTokenBalances(ethers, f.rewardToken, [f.whale], [0n]);
    });

    it("H-01 unbonding: stake that counted in an epoch cannot leave before the next epoch starts", async function () {
      const f = await loadFixture(flashFixture);
      // Staked during a tempo, the stake counts from the epoch after the next: it had to be there the whole tempo.
      await f.subnets.connect(f.whale).stake(NETUID, f.attacker.address, 1_000_000n * ONE);
      await epoch(f.subnets);
      expect((await f.subnets.neuron(NETUID, 1n)).stake).to.equal(10n * ONE);
      await epoch(f.subnets);
      expect((await f.subnets.neuron(NETUID, 1n)).stake).to.equal(1_000_010n * ONE);
      // It counted in this epoch: unstaked now, it unbonds and can leave only once the next epoch has started.
      const started = (await f.subnets.stakeOf(NETUID, f.attacker.address)).epochsStarted;
      await expect(f.subnets.connect(f.whale).unstake(NETUID, f.attacker.address, 1_000_000n * ONE))
        .to.emit(f.subnets, "Unstaked")
        .withArgs(NETUID, f.attacker.address, f.whale.address, 1_000_000n * ONE, 1_000_000n * ONE, started + 1n);
      await expect(f.subnets.connect(f.whale).withdrawStake(NETUID, f.attacker.address))
        .to.be.revertedWithCustomError(f.subnets, "SubnetStakeUnbonding")
        .withArgs(f.attacker.address, f.whale.address, 1_000_000n * ONE, started + 1n);
      await toDue(f);
      await f.subnets.advanceEpoch(NETUID, []);
      // Unbonding stake counted for nothing in this epoch, and is free to leave now.
      expect((await f.subnets.neuron(NETUID, 1n)).stake).to.equal(10n * ONE);
      await expect(f.subnets.connect(f.whale).withdrawStake(NETUID, f.attacker.address)).to.changeTokenBalances(
        ethers,
        f.stakeToken,
        [f.whale],
        [1_000_000n * ONE],
      );
    });

    it("H-01 permit eviction: a 1-token validator's flash stake takes no honest validator's permit", async function () {
      let f = await loadFixture(flashFixture);
      await toDue(f);
      await f.staker.runEpoch(NETUID);
      const permits = (await f.subnets.subnet(NETUID)).validatorPermits;
      expect(permits).to.equal(0b11n);
      f = await loadFixture(flashFixture);
      await toDue(f);
      // The third validator (1 token) borrows 100,000 for the epoch in which the next permits are issued.
      await f.staker.attack(f.pool.target, NETUID, f.third.address, 100_000n * ONE);
      expect((await f.subnets.subnet(NETUID)).validatorPermits).to.equal(permits);
      expect(await metagraph(f)).to.not.deep.equal([]);
    });

    it("changes nothing of the epoch when sent in its first block, after it started", async function () {
      const { subnets, third, attacker, whale } = await loadFixture(flashFixture);
      const info = await subnets.subnet(NETUID);
      await mine(Number(info.nextEpochBlock - BigInt(await ethers.provider.getBlockNumber()) - 1n));
      const predicted = await predict(subnets);
      // The epoch's start and two flash stakes share one block, the stakes last.
      await connection.provider.request({ method: "evm_setAutomine", params: [false] });
      try {
        await subnets.advanceEpoch(NETUID, [], { gasLimit: 10_000_000n });
        await subnets.connect(whale).stake(NETUID, third.address, 1000n * ONE, { gasLimit: 1_000_000n });
        await subnets.connect(whale).stake(NETUID, attacker.address, 1000n * ONE, { gasLimit: 1_000_000n });
        await mine(1);
      } finally {
        await connection.provider.request({ method: "evm_setAutomine", params: [true] });
      }
      expect((await subnets.subnet(NETUID)).epochRunning).to.equal(true);
      expect((await subnets.stakeOf(NETUID, third.address)).pendingLater).to.equal(1000n * ONE);
      while ((await subnets.subnet(NETUID)).epochRunning) await subnets.advanceEpoch(NETUID, []);
      const neurons = await subnets.neurons(NETUID, 0n, 5n);
      expect(
        neurons.map((u) => [u.consensus, u.incentive, u.dividends, u.validatorTrust, u.emission, u.validatorPermit]),
      ).to.deep.equal(
        predicted.neurons.map((u) => [
          BigInt(u.consensus),
          BigInt(u.incentive),
          BigInt(u.dividends),
          BigInt(u.validatorTrust),
          u.emission,
          u.validatorPermit,
        ]),
      );
      expect(neurons.map((u) => u.validatorPermit)).to.deep.equal([true, true, false, false, false]);
      expect((await subnets.positionOf(NETUID, attacker.address, whale.address)).rewards).to.equal(0n);
    });
  });
});
