import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionReceipt, ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import { ONE } from "../fixtures/constants.js";
import { SMALL_SUBNET } from "../fixtures/subnets.js";
import { commitHash, NETUID, parseEvents, predictNextEpoch, runEpoch, subnetWith, U16 } from "./fixture.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine } = networkHelpers;

const OPERATIONS = 40;
const SEEDS = [11, 23, 37];

/** A small seeded generator (xorshift64*), so that a failing sequence can be replayed from its seed. */
class Random {
  private state: bigint;
  constructor(seed: number) {
    this.state = (BigInt(seed) * 0x9e3779b97f4a7c15n) & ((1n << 64n) - 1n) || 1n;
  }
  next(): bigint {
    let x = this.state;
    x ^= x >> 12n;
    x ^= (x << 25n) & ((1n << 64n) - 1n);
    x ^= x >> 27n;
    this.state = x;
    return (x * 0x2545f4914f6cdd1dn) & ((1n << 64n) - 1n);
  }
  int(max: number): number {
    return Number(this.next() % BigInt(max));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** Between 1 wei and `max` tokens, with odd low digits so that every division rounds. */
  amount(max: bigint): bigint {
    return (this.next() % max) * ONE + (this.next() % ONE) + 1n;
  }
}

interface PendingCommit {
  epoch: bigint;
  uids: number[];
  weights: number[];
  salt: string;
}

describe("Subnets conservation over random operations", function () {
  let protocol: HardhatEthersSigner;
  let owner: HardhatEthersSigner;
  let hotkeys: HardhatEthersSigner[];
  let stakers: HardhatEthersSigner[];

  before(async function () {
    const signers = await ethers.getSigners();
    [protocol, owner] = signers;
    hotkeys = signers.slice(2, 16);
    stakers = signers.slice(16, 20);
  });

  /** 10 of 14 hotkeys hold UIDs on a 12-UID subnet with a short tempo; the first is the owner's. */
  async function randomSubnetFixture() {
    const signers = [protocol, owner, ...hotkeys, ...stakers];
    return subnetWith(
      ethers,
      signers,
      {
        tempo: 8,
        maxUids: 12,
        maxValidators: 4,
        immunityPeriod: 12,
        minNonImmuneUids: 2,
        minPrice: ONE / 10n,
        maxPrice: 100n * ONE,
        priceHalfLife: 40,
        emission: 50n * ONE + 12_345n,
        keeperReward: ONE / 100n,
      },
      10,
      { fund: 500n * ONE, ownerHotkey: hotkeys[0].address },
    );
  }

  for (const seed of SEEDS) {
    it(`keeps every token accounted for, and epochs as the preview predicts (seed ${seed})`, async function () {
      const { subnets, stakeToken, rewardToken, events } = await loadFixture(randomSubnetFixture);
      const r = new Random(seed);
      const accounts = [protocol, owner, ...hotkeys, ...stakers];
      const positions = new Map<string, Set<string>>(); // hotkey => stakers
      const commits = new Map<string, PendingCommit>();
      let rewardIn = 0n;
      let rewardOut = 0n;
      let epochs = 0;
      let maxCreditsPerEpoch = 0;
      let incentivePaid = false;
      const done: Record<string, number> = {};

      const account = (event: { name: string; args: Record<string, bigint> }) => {
        if (event.name === "SubnetFunded") rewardIn += event.args.amount;
        if (event.name === "NeuronRegistered") rewardIn += event.args.price;
        if (event.name === "RewardsClaimed" || event.name === "StakeRewardsClaimed") rewardOut += event.args.amount;
      };
      for (const e of events) account(e as never);

      /** Sends a transaction; a refusal (a named error) changes nothing and is counted apart. */
      const send = async (name: string, tx: () => Promise<ContractTransactionResponse>) => {
        let receipt: ContractTransactionReceipt | null;
        try {
          receipt = await (await tx()).wait();
        } catch (error) {
          const message = (error as Error).message;
          // Only the contract's named refusals are expected, never a panic or a bare revert.
          expect(message, `${name}: ${message}`).to.match(/reverted with custom error '(Subnet|ERC20)\w+\(/);
          const reason = `${name} refused (${/custom error '(\w+)/.exec(message)![1]})`;
          done[reason] = (done[reason] ?? 0) + 1;
          return false;
        }
        for (const e of parseEvents(subnets, [receipt])) account(e as never);
        done[name] = (done[name] ?? 0) + 1;
        return true;
      };

      const registered = async () => {
        const n = Number((await subnets.subnet(NETUID)).n);
        return (await subnets.neurons(NETUID, 0n, BigInt(n))).map((u) => u.hotkey);
      };

      /** Stake held equals the stakes; reward tokens held cover what is owed, up to bounded rounding dust. */
      const checkBalances = async (where: string) => {
        let staked = 0n;
        for (const h of hotkeys) {
          const s = await subnets.stakeOf(NETUID, h.address);
          staked += s.active + s.pendingNext + s.pendingLater;
        }
        // Unbonding stake has left its pool and waits in its position.
        for (const [h, set] of positions)
          for (const st of set) staked += (await subnets.positionOf(NETUID, h, st)).unbonding;
        expect(await stakeToken.balanceOf(subnets.target), `${where}: stake held`).to.equal(staked);
        const info = await subnets.subnet(NETUID);
        let owed = info.rewardPool;
        for (const a of accounts) owed += await subnets.claimable(NETUID, a.address);
        let pairs = 0;
        for (const [h, set] of positions) {
          for (const st of set) {
            owed += (await subnets.positionOf(NETUID, h, st)).rewards;
            pairs += 1;
          }
        }
        const held = await rewardToken.balanceOf(subnets.target);
        expect(held >= owed, `${where}: rewards held ${held} cover owed ${owed}`).to.equal(true);
        // Each dividend credit floors every position's share (under one unit each) and the pool's remainder.
        const bound = BigInt(epochs * maxCreditsPerEpoch * (pairs + 1));
        expect(held - owed <= bound, `${where}: rounding dust ${held - owed} within ${bound}`).to.equal(true);
        // Nothing created or lost.
        expect(rewardIn, `${where}: reward tokens in = out + held`).to.equal(rewardOut + held);
      };

      /** Weights near a quality the validators share (so that consensus forms), over a few to all UIDs. */
      const quality = Array.from({ length: 12 }, () => 1 + r.int(500));
      const commitFor = async (h: HardhatEthersSigner, n: number, epochNumber: bigint) => {
        const count = 1 + r.int(n);
        const chosen = [...new Set(Array.from({ length: count }, () => r.int(n)))];
        const weights = chosen.map((u) => quality[u] * (90 + r.int(21)));
        const salt = ethers.zeroPadValue(ethers.toBeHex(r.next()), 32);
        if (
          await send("commit", () =>
            subnets.connect(h).commitWeights(NETUID, commitHash(h.address, NETUID, chosen, weights, salt)),
          )
        ) {
          commits.set(h.address, { epoch: epochNumber, uids: chosen, weights, salt });
        }
      };

      const advanceEpoch = async () => {
        const info = await subnets.subnet(NETUID);
        const now = BigInt(await ethers.provider.getBlockNumber());
        if (now + 1n < info.nextEpochBlock) await mine(Number(info.nextEpochBlock - now - 1n));
        const predicted = await predictNextEpoch(ethers, subnets, NETUID);
        const poolBefore = (await subnets.subnet(NETUID)).rewardPool;
        const ownerBefore = await subnets.claimable(NETUID, owner.address);
        const run = await runEpoch(ethers, mine, subnets, NETUID, false);
        for (const e of run.events) account(e as never);
        epochs += 1;
        const n = Number(info.n);
        maxCreditsPerEpoch = Math.max(maxCreditsPerEpoch, n);
        const where = `seed ${seed} epoch ${epochs}`;
        // Emission taken = owner cut + keeper + paid + dust; the dust goes back to the pool.
        expect(run.taken, where).to.equal(predicted.taken);
        expect(run.ownerCut, where).to.equal((run.taken * BigInt(SMALL_SUBNET.ownerCut)) / U16);
        expect(run.keeper, where).to.equal(predicted.keeper);
        expect(run.taken, where).to.equal(run.ownerCut + run.keeper + run.paid + run.dust);
        expect(run.emission, where).to.equal(run.paid + run.dust);
        expect((await subnets.subnet(NETUID)).rewardPool, where).to.equal(poolBefore - run.taken + run.dust);
        expect((await subnets.claimable(NETUID, owner.address)) - ownerBefore, where).to.equal(run.ownerCut);
        const neurons = await subnets.neurons(NETUID, 0n, 256n);
        if (neurons.some((u) => u.incentive > 0n)) incentivePaid = true;
        expect(run.paid, where).to.equal(neurons.reduce((sum, u) => sum + u.emission, 0n));
        // Dust: under one unit per floored amount (2n of them) plus the shares' normalisation (2n / 2^32 of E).
        const nothingToPayBy =
          predicted.output.stake.every((x) => x === 0n) && predicted.output.incentive.every((x) => x === 0n);
        if (nothingToPayBy) {
          expect(run.paid, where).to.equal(0n);
        } else {
          const bound = 2n * BigInt(n) * (run.emission + (1n << 32n));
          expect(run.dust << 32n < bound, `${where}: dust ${run.dust} within 2n(1 + E / 2^32)`).to.equal(true);
        }
        // The metagraph is the preview's prediction, UID by UID.
        for (const p of predicted.neurons) {
          const u = neurons[p.uid];
          expect(
            [u.hotkey, u.consensus, u.incentive, u.dividends, u.validatorTrust, u.emission, u.validatorPermit],
            `${where} UID ${p.uid}`,
          ).to.deep.equal([
            p.hotkey,
            BigInt(p.consensus),
            BigInt(p.incentive),
            BigInt(p.dividends),
            BigInt(p.validatorTrust),
            p.emission,
            p.validatorPermit,
          ]);
        }
        return run;
      };

      // Stake on some hotkeys and run two epochs so that permits, weights and dividends exist from the start.
      for (let i = 0; i < 6; i++) {
        const st = i < 4 ? stakers[i] : hotkeys[i];
        const h = hotkeys[i];
        if (await send("stake", () => subnets.connect(st).stake(NETUID, h.address, r.amount(200n)))) {
          if (!positions.has(h.address)) positions.set(h.address, new Set());
          positions.get(h.address)!.add(st.address);
        }
      }
      await checkBalances("after the first stakes");
      await advanceEpoch();
      await checkBalances("after the first epoch");
      // Stake counts from the epoch after the one it arrived before.
      await advanceEpoch();
      await checkBalances("after the second epoch");

      const operations = [
        "register",
        "fund",
        "stake",
        "unstake",
        "withdraw",
        "delegate",
        "setTake",
        "commit",
        "commit",
        "reveal",
        "reveal",
        "epoch",
        "epoch",
        "claim",
        "claimStakeRewards",
      ];
      for (let step = 0; step < OPERATIONS; step++) {
        const op = r.pick(operations);
        const uids = await registered();
        const n = uids.length;
        const epochNumber = (await subnets.subnet(NETUID)).epochNumber;
        switch (op) {
          case "register": {
            const free = hotkeys.filter((h) => !uids.includes(h.address));
            if (free.length === 0) break;
            const h = r.pick(free);
            await send(op, () => subnets.connect(h).register(NETUID, h.address, h.address, ethers.MaxUint256));
            break;
          }
          case "fund": {
            const from = r.pick(accounts);
            await send(op, () => subnets.connect(from).fund(NETUID, r.amount(100n)));
            break;
          }
          case "stake":
          case "delegate": {
            const hotkey = r.pick(uids);
            const st = op === "stake" ? hotkeys.find((h) => h.address === hotkey)! : r.pick(stakers);
            if (await send(op, () => subnets.connect(st).stake(NETUID, hotkey, r.amount(300n)))) {
              if (!positions.has(hotkey)) positions.set(hotkey, new Set());
              positions.get(hotkey)!.add(st.address);
            }
            break;
          }
          case "unstake": {
            const pairs = [...positions].flatMap(([h, set]) => [...set].map((st) => [h, st] as const));
            if (pairs.length === 0) break;
            const [h, st] = r.pick(pairs);
            const p = await subnets.positionOf(NETUID, h, st);
            const total = p.active + p.pendingNext + p.pendingLater;
            if (total === 0n) break;
            const amount = r.int(3) === 0 ? total : (total * BigInt(1 + r.int(99))) / 100n + 1n;
            const signer = accounts.find((a) => a.address === st)!;
            await send(op, () => subnets.connect(signer).unstake(NETUID, h, amount > total ? total : amount));
            break;
          }
          case "withdraw": {
            const pairs = [...positions].flatMap(([h, set]) => [...set].map((st) => [h, st] as const));
            if (pairs.length === 0) break;
            const [h, st] = r.pick(pairs);
            const signer = accounts.find((a) => a.address === st)!;
            await send(op, () => subnets.connect(signer).withdrawStake(NETUID, h));
            break;
          }
          case "setTake": {
            const chosenHotkey = r.pick(uids);
            const h = hotkeys.find((x) => x.address === chosenHotkey)!;
            await send(op, () => subnets.connect(h).setTake(NETUID, h.address, r.int(11_797)));
            break;
          }
          case "commit": {
            // Mostly UIDs with a validator permit, whose reveals count; sometimes any UID, which the reveal refuses.
            const permits = (await subnets.subnet(NETUID)).validatorPermits;
            const validators = uids.filter((_, i) => ((permits >> BigInt(i)) & 1n) === 1n);
            const chosenHotkey = validators.length > 0 && r.int(4) !== 0 ? r.pick(validators) : r.pick(uids);
            const h = hotkeys.find((x) => x.address === chosenHotkey)!;
            await commitFor(h, n, epochNumber);
            break;
          }
          case "reveal": {
            const ready = [...commits].filter(([, c]) => c.epoch + 1n === epochNumber);
            if (ready.length === 0) break;
            const [address, c] = r.pick(ready);
            commits.delete(address);
            const h = hotkeys.find((x) => x.address === address)!;
            await send(op, () => subnets.connect(h).revealWeights(NETUID, c.uids, c.weights, c.salt, 0n));
            break;
          }
          case "epoch": {
            await advanceEpoch();
            done.epoch = (done.epoch ?? 0) + 1;
            // Validators reveal what they committed in the epoch before, most of them at once.
            const now = (await subnets.subnet(NETUID)).epochNumber;
            for (const [address, c] of [...commits]) {
              if (c.epoch + 1n !== now || r.int(4) === 0) continue;
              commits.delete(address);
              const h = hotkeys.find((x) => x.address === address)!;
              await send("reveal", () => subnets.connect(h).revealWeights(NETUID, c.uids, c.weights, c.salt, 0n));
            }
            // And most validators commit their next weights.
            const info = await subnets.subnet(NETUID);
            const hotkeysNow = await registered();
            for (let i = 0; i < hotkeysNow.length; i++) {
              if (((info.validatorPermits >> BigInt(i)) & 1n) === 0n || r.int(4) === 0) continue;
              const h = hotkeys.find((x) => x.address === hotkeysNow[i])!;
              await commitFor(h, hotkeysNow.length, info.epochNumber);
            }
            break;
          }
          case "claim": {
            const withClaims = [];
            for (const a of accounts) if ((await subnets.claimable(NETUID, a.address)) > 0n) withClaims.push(a);
            if (withClaims.length === 0) break;
            const a = r.pick(withClaims);
            const uids = [...(await subnets.unclaimedUids(NETUID, a.address))];
            await send(op, () => subnets.connect(a).claim(NETUID, uids, r.pick(accounts).address));
            break;
          }
          case "claimStakeRewards": {
            const st = r.pick(stakers);
            const on = [...positions].filter(([, set]) => set.has(st.address)).map(([h]) => h);
            if (on.length === 0) break;
            await send(op, () => subnets.connect(st).claimStakeRewards(NETUID, on, st.address));
            break;
          }
        }
        await checkBalances(`seed ${seed} step ${step} (${op})`);
      }
      // A last epoch, then everyone leaves: claims and stakes paid out (unbonded stake after one more epoch), the held
      // rewards are the pool and the dust.
      await advanceEpoch();
      for (const [h, set] of positions) {
        for (const st of set) {
          const p = await subnets.positionOf(NETUID, h, st);
          const total = p.active + p.pendingNext + p.pendingLater;
          const signer = accounts.find((a) => a.address === st)!;
          if (total > 0n) await send("unstake", () => subnets.connect(signer).unstake(NETUID, h, total));
          else if (p.rewards > 0n)
            await send("claimStakeRewards", () => subnets.connect(signer).claimStakeRewards(NETUID, [h], st));
        }
      }
      await advanceEpoch();
      for (const [h, set] of positions) {
        for (const st of set) {
          const p = await subnets.positionOf(NETUID, h, st);
          const signer = accounts.find((a) => a.address === st)!;
          if (p.unbonding > 0n) await send("withdraw", () => subnets.connect(signer).withdrawStake(NETUID, h));
          if ((await subnets.positionOf(NETUID, h, st)).rewards > 0n) {
            await send("claimStakeRewards", () => subnets.connect(signer).claimStakeRewards(NETUID, [h], st));
          }
        }
      }
      for (const a of accounts) {
        if ((await subnets.claimable(NETUID, a.address)) > 0n) {
          const uids = [...(await subnets.unclaimedUids(NETUID, a.address))];
          await send("claim", () => subnets.connect(a).claim(NETUID, uids, a.address));
        }
      }
      await checkBalances(`seed ${seed} at the end`);
      expect(await stakeToken.balanceOf(subnets.target)).to.equal(0n);
      const held = await rewardToken.balanceOf(subnets.target);
      const pool = (await subnets.subnet(NETUID)).rewardPool;
      expect(held >= pool).to.equal(true);
      // The sequence did run epochs and paid someone.
      expect(epochs).to.be.greaterThan(2);
      expect(rewardOut).to.be.greaterThan(0n);
      expect(done.reveal ?? 0).to.be.greaterThan(0);
      expect(incentivePaid).to.equal(true);
    });
  }
});
