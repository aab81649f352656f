// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ISubnets} from "../interfaces/ISubnets.sol";
import {MetagraphWord, SubnetState} from "./SubnetStorage.sol";

/// @notice Stake delegated to one hotkey on one subnet: a share pool whose stakers earn the hotkey's dividends
/// (after its take) through a per-unit accumulator.
///
/// An epoch pays for the tempo before it (from the previous epoch's start to its own), so stake counts in an epoch,
/// for stake weight (validator permits, consensus, dividends) and for earning, only when it was staked before that
/// tempo began. Stake added while `k` epochs have started is a batch dated `k + 2`: pending, it counts for nothing
/// until epoch `k + 2` starts, and from then on it is active. At most two batches wait at once, dated `k + 1` and
/// `k + 2`: slot `a` holds the earlier (dated `fromA`), slot `b` the later, dated `fromA + 1`; `b` is empty whenever
/// `a` is, so that an epoch reads a hotkey's stake weight in the pool's first word alone unless a batch falls due.
/// Due batches are folded into `active` lazily by whoever touches the pool next. The accumulator moves only when an
/// epoch credits the hotkey, which folds first, so its value at a fold is its value when the batch became active; it
/// is kept in `rewardPerStakeAt[from]` for the positions of that batch.
///
/// Active stake leaves through unbonding (see {StakePosition}): it stops counting and earning at once and can be
/// withdrawn once the next epoch has started, so stake that weighed in epoch `k` stays until epoch `k + 1` starts.
struct StakePool {
    /// Stake that counts for stake weight and earns dividends, in stake token units. The pool's stake (active and
    /// both batches) stays below 2^112 (see {addStake}).
    uint112 active;
    uint112 a;
    uint32 fromA;
    /// The later batch, dated `fromA + 1`.
    uint112 b;
    /// Take in effect until epoch `nextTakeFrom` starts, then `nextTake` (both u16 proportions).
    uint16 take;
    uint16 nextTake;
    uint32 nextTakeFrom;
    /// Whether the hotkey's coldkey ever set a take (else the default applies).
    bool takeSet;
    /// Dividends per active stake unit since the pool began, Q128; may wrap (only differences are used).
    uint256 rewardPerStake;
    /// `rewardPerStake` when the batch dated `from` became active.
    mapping(uint256 from => uint256) rewardPerStakeAt;
}

/// @notice One staker's position on one hotkey: active stake, batches kept as its pool keeps them (each batch of a
/// position is part of the pool's batch of the same date), and stake unbonding: taken out of the pool's active stake
/// by an unstake while `k` epochs had started (so it may have weighed in epoch `k`), it counts and earns nothing and
/// is paid once epoch `unbondingUntil = k + 1` has started.
struct StakePosition {
    uint112 active;
    uint112 a;
    uint32 fromA;
    /// `rewardPerStake` of the pool when `active` was last settled.
    uint256 rewardPerStakeLast;
    /// Dividends settled and not yet paid.
    uint256 rewards;
    /// The later batch, dated `fromA + 1`.
    uint112 b;
    uint112 unbonding;
    uint32 unbondingUntil;
}

/// @title SubnetRewards
/// @notice Stake weights, stake batches, unbonding and reward crediting, shared by the subnet contract and the epoch
/// library.
library SubnetRewards {
    /// @notice The default validator take, and the highest one: 18% as a u16 proportion.
    uint16 internal constant DEFAULT_TAKE = 11_796;
    uint256 internal constant U16_MAX = 65_535;
    uint256 internal constant Q128 = 1 << 128;

    /// @notice Stake weight of `hotkey` for the epoch being started: its active stake and the batches due by now
    /// (though not folded yet), divided by the subnet's stake scale, capped at 2^63 - 1 units.
    function stakeWeight(SubnetState storage s, address hotkey) internal view returns (uint64) {
        StakePool storage pool = s.pools[hotkey];
        uint256 started = s.epochsStarted;
        uint256 stake = pool.active;
        uint256 a = pool.a;
        if (a != 0 && pool.fromA <= started) {
            // The later batch can be due only when the earlier one is.
            stake += a;
            if (pool.b != 0 && uint256(pool.fromA) + 1 <= started) stake += pool.b;
        }
        uint256 w = stake / s.stakeScale;
        return w > type(uint64).max >> 1 ? uint64(type(uint64).max >> 1) : uint64(w);
    }

    /// @notice Whether the pool holds any stake, active or pending (`b` is empty when `a` is).
    function hasStake(StakePool storage pool) internal view returns (bool) {
        return pool.active != 0 || pool.a != 0;
    }

    /// @notice Credits the dividends `validator` of one UID's hotkey: the take to its coldkey, returned for the
    /// caller to credit, and the rest to the hotkey's active stakers. Without active stake the coldkey receives all.
    /// Stakers' shares round down; what rounding leaves stays in the contract.
    /// @return toColdkey The coldkey's part.
    function creditDividends(SubnetState storage s, address hotkey, uint256 validator)
        internal
        returns (uint256 toColdkey)
    {
        // A dividend moves the pool's accumulator, so its due batches are folded in first (a later roll records the
        // same accumulator value as a roll now would).
        StakePool storage pool = s.pools[hotkey];
        rollPool(s, pool);
        uint256 active = pool.active;
        if (active == 0) return validator;
        toColdkey = (validator * takeOf(s, pool)) / U16_MAX;
        // Wrapping intended: the accumulator may wrap, as only differences between two of its values are used, and
        // no position spans 2^256 of it.
        unchecked {
            pool.rewardPerStake += Math.mulDiv(validator - toColdkey, Q128, active);
        }
    }

    /// @notice Takes what the UIDs `uids`, each of `coldkey`, have yet to claim (see {MetagraphWord}), clearing it.
    function takeUnclaimed(SubnetState storage s, uint256[] calldata uids, address coldkey)
        internal
        returns (uint256 amount)
    {
        uint256 n = s.n;
        for (uint256 k; k < uids.length; ++k) {
            uint256 uid = uids[k];
            if (uid >= n || s.uidColdkeys[uid] != coldkey) revert ISubnets.SubnetNotUidColdkey(uid, coldkey);
            uint256 word = s.metagraph[uid];
            uint256 unclaimed = MetagraphWord.unclaimed(word);
            if (unclaimed == 0) continue;
            s.metagraph[uid] = word & ~(MetagraphWord.UNCLAIMED_MAX << MetagraphWord.UNCLAIMED_SHIFT);
            amount += unclaimed;
        }
    }

    /// @notice The take of the pool's hotkey in effect now.
    function takeOf(SubnetState storage s, StakePool storage pool) internal view returns (uint16) {
        if (!pool.takeSet) return DEFAULT_TAKE;
        return s.epochsStarted >= pool.nextTakeFrom ? pool.nextTake : pool.take;
    }

    /// @notice Sets the take: a decrease at once, an increase from the start of the epoch after the next, so
    /// that stakers see it for at least one whole epoch before it applies (and may leave).
    /// @return from The started-epoch count from which `take` applies.
    function setTake(SubnetState storage s, StakePool storage pool, uint16 take) internal returns (uint64 from) {
        uint16 current = takeOf(s, pool);
        if (take <= current) {
            pool.take = take;
            from = 0;
        } else {
            pool.take = current;
            from = s.epochsStarted + 2;
        }
        pool.nextTake = take;
        pool.nextTakeFrom = SafeCast.toUint32(from);
        pool.takeSet = true;
    }

    /// @notice Folds the pool's batches that are due (dated at or before the started epochs) into its active stake,
    /// recording the accumulator at which each became active; a later batch not due moves into slot `a`.
    function rollPool(SubnetState storage s, StakePool storage pool) internal {
        uint256 a = pool.a;
        if (a == 0) return;
        uint256 started = s.epochsStarted;
        uint256 fromA = pool.fromA;
        if (fromA > started) return;
        uint256 acc = pool.rewardPerStake;
        pool.rewardPerStakeAt[fromA] = acc;
        uint256 b = pool.b;
        // Cannot overflow: the pool's stake is below 2^112 (see {addStake}).
        if (b != 0 && fromA + 1 <= started) {
            pool.rewardPerStakeAt[fromA + 1] = acc;
            (pool.active, pool.a, pool.b) = (uint112(pool.active + a + b), 0, 0);
        } else {
            (pool.active, pool.a, pool.fromA, pool.b) = (uint112(pool.active + a), uint112(b), uint32(fromA + 1), 0);
        }
    }

    /// @notice Brings a position up to date: its dividends settled and its due batches made active (pool first).
    function settle(SubnetState storage s, StakePool storage pool, StakePosition storage pos) internal {
        rollPool(s, pool);
        uint256 acc = pool.rewardPerStake;
        uint256 rewards = pos.rewards;
        uint256 active = pos.active;
        if (active != 0) rewards += _earned(active, acc, pos.rewardPerStakeLast);
        uint256 a = pos.a;
        uint256 fromA = pos.fromA;
        if (a != 0 && fromA <= s.epochsStarted) {
            rewards += _earned(a, acc, pool.rewardPerStakeAt[fromA]);
            active += a;
            uint256 b = pos.b;
            if (b != 0 && fromA + 1 <= s.epochsStarted) {
                rewards += _earned(b, acc, pool.rewardPerStakeAt[fromA + 1]);
                active += b;
                b = 0;
            }
            // A batch not due yet moves into slot `a`. Cannot overflow: a position is part of its pool's stake.
            (pos.a, pos.fromA, pos.b) = (uint112(b), uint32(fromA + 1), 0);
        }
        pos.active = uint112(active);
        pos.rewardPerStakeLast = acc;
        pos.rewards = rewards;
    }

    /// @notice A position as {settle} would leave it, without writing.
    /// @return rewards Dividends earned and not paid.
    /// @return active Stake that counts and earns.
    /// @return pendingNext Stake that counts from the start of the next epoch.
    /// @return pendingLater Stake that counts from the start of the epoch after the next.
    function positionView(SubnetState storage s, StakePool storage pool, StakePosition storage pos)
        internal
        view
        returns (uint256 rewards, uint256 active, uint256 pendingNext, uint256 pendingLater)
    {
        uint256 started = s.epochsStarted;
        rewards = pos.rewards;
        active = pos.active;
        if (active != 0) rewards += _earned(active, pool.rewardPerStake, pos.rewardPerStakeLast);
        uint256[2] memory amounts = [uint256(pos.a), uint256(pos.b)];
        for (uint256 i; i < 2; ++i) {
            uint256 from = pos.fromA + i;
            if (amounts[i] == 0) continue;
            if (from <= started) {
                rewards += _earned(amounts[i], pool.rewardPerStake, _activatedAt(s, pool, from));
                active += amounts[i];
            } else if (from == started + 1) {
                pendingNext += amounts[i];
            } else {
                pendingLater += amounts[i];
            }
        }
    }

    /// The accumulator when the batch dated `from` (due) became active: recorded when the pool folded it, else (still
    /// in one of the pool's slots) the current value, which has not moved since.
    function _activatedAt(SubnetState storage s, StakePool storage pool, uint256 from) private view returns (uint256) {
        uint256 fromA = pool.fromA;
        bool unfolded = (pool.a != 0 && fromA == from) || (pool.b != 0 && fromA + 1 == from);
        return unfolded && from <= s.epochsStarted ? pool.rewardPerStake : pool.rewardPerStakeAt[from];
    }

    /// @notice The pool's stages as {rollPool} would leave them, without writing.
    /// @return active Stake that counts and earns.
    /// @return pendingNext Stake that counts from the start of the next epoch.
    /// @return pendingLater Stake that counts from the start of the epoch after the next.
    function poolView(SubnetState storage s, StakePool storage pool)
        internal
        view
        returns (uint256 active, uint256 pendingNext, uint256 pendingLater)
    {
        uint256 started = s.epochsStarted;
        active = pool.active;
        uint256[2] memory amounts = [uint256(pool.a), uint256(pool.b)];
        uint256 fromA = pool.fromA;
        for (uint256 i; i < 2; ++i) {
            uint256 from = fromA + i;
            if (amounts[i] == 0) continue;
            if (from <= started) active += amounts[i];
            else if (from == started + 1) pendingNext += amounts[i];
            else pendingLater += amounts[i];
        }
    }

    /// @notice Adds `amount` of `staker`'s stake to the pool as a batch dated two epochs ahead: it counts and earns
    /// from the start of the epoch after the next, the first epoch whose whole tempo it is staked for.
    /// @return from The started-epoch count from which it counts.
    function addStake(SubnetState storage s, address hotkey, address staker, uint256 amount)
        internal
        returns (uint64 from)
    {
        StakePool storage pool = s.pools[hotkey];
        StakePosition storage pos = s.positions[hotkey][staker];
        settle(s, pool, pos);
        from = s.epochsStarted + 2;
        // The pool's whole stake stays below 2^112, so that its batches fold into `active` without overflow; a
        // position's stake is part of it.
        SafeCast.toUint112(uint256(pool.active) + pool.a + pool.b + amount);
        uint32 from32 = SafeCast.toUint32(from);
        // After the settle, a batch left is dated `from - 1` (in `a`) or `from` (in `a`, or in `b` after one dated
        // `from - 1`): the new stake joins the one dated `from`, or takes the first free slot.
        (pool.a, pool.fromA, pool.b) = _addBatch(pool.a, pool.fromA, pool.b, amount, from32);
        (pos.a, pos.fromA, pos.b) = _addBatch(pos.a, pos.fromA, pos.b, amount, from32);
    }

    function _addBatch(uint112 a, uint32 fromA, uint112 b, uint256 amount, uint32 from)
        private
        pure
        returns (uint112, uint32, uint112)
    {
        // The casts are safe: the pool's stake, and so each batch, stays below 2^112 (checked by the caller).
        if (a == 0) return (uint112(amount), from, 0);
        if (fromA == from) return (uint112(a + amount), fromA, b);
        return (a, fromA, uint112(b + amount));
    }

    /// @notice Removes `amount` of `staker`'s stake: pending batches first (they never counted, so they leave at
    /// once: the later-dated first), then active stake, which starts unbonding. Settles the position and takes its
    /// dividends, and the unbonded stake that is free to leave.
    /// @return released Stake to pay the staker now: the pending part, and unbonded stake now free.
    /// @return unbonding The part of `amount` that unbonds.
    /// @return until The started-epoch count from which the position's unbonding stake can leave.
    /// @return rewards Dividends to pay the staker.
    function removeStake(SubnetState storage s, address hotkey, address staker, uint256 amount)
        internal
        returns (uint256 released, uint256 unbonding, uint64 until, uint256 rewards)
    {
        StakePool storage pool = s.pools[hotkey];
        StakePosition storage pos = s.positions[hotkey][staker];
        settle(s, pool, pos);
        uint256 a = pos.a;
        uint256 b = pos.b;
        uint256 active = pos.active;
        if (amount > a + b + active) revert ISubnets.SubnetInsufficientStake(hotkey, staker, a + b + active, amount);
        // After the settle the position's batches are pending and dated as the pool's, which hold them: each part
        // taken is at most what the pool's batch of that date holds. The later batch goes first, so `b` is empty
        // whenever `a` is. The casts are safe: the results are at most the values read.
        uint256 fromA = pos.fromA;
        uint256 part = amount < b ? amount : b;
        if (part != 0) {
            pos.b = uint112(b - part);
            _takeFromPool(pool, fromA + 1, part);
            amount -= part;
            released = part;
        }
        part = amount < a ? amount : a;
        if (part != 0) {
            pos.a = uint112(a - part);
            _takeFromPool(pool, fromA, part);
            amount -= part;
            released += part;
        }
        if (amount != 0) {
            pos.active = uint112(active - amount);
            pool.active -= uint112(amount);
        }
        uint256 started = s.epochsStarted;
        (uint256 free, uint256 still) = _unbonding(pos, started);
        released += free;
        unbonding = amount;
        until = still + amount != 0 ? SafeCast.toUint64(started + 1) : 0;
        // Stake still unbonding was taken out while the same `started` held, so its date is this one too.
        pos.unbonding = uint112(still + amount);
        pos.unbondingUntil = uint32(until);
        rewards = takeRewards(pos);
    }

    /// @notice Takes the position's unbonded stake that is free to leave.
    /// @return released Stake to pay the staker.
    /// @return still Stake still unbonding.
    /// @return until The started-epoch count from which `still` can leave (0 when nothing unbonds).
    function withdrawUnbonded(SubnetState storage s, StakePosition storage pos)
        internal
        returns (uint256 released, uint256 still, uint64 until)
    {
        (released, still) = _unbonding(pos, s.epochsStarted);
        if (released != 0) pos.unbonding = 0;
        until = still == 0 ? 0 : pos.unbondingUntil;
    }

    /// @notice The position's unbonding stake: what is free to leave now, and what is not.
    function unbondingView(SubnetState storage s, StakePosition storage pos)
        internal
        view
        returns (uint256 free, uint256 still, uint64 until)
    {
        (free, still) = _unbonding(pos, s.epochsStarted);
        until = pos.unbondingUntil;
    }

    /// @notice Takes a settled position's dividends.
    function takeRewards(StakePosition storage pos) internal returns (uint256 rewards) {
        rewards = pos.rewards;
        if (rewards != 0) pos.rewards = 0;
    }

    function _unbonding(StakePosition storage pos, uint256 started) private view returns (uint256 free, uint256 still) {
        uint256 amount = pos.unbonding;
        if (amount == 0) return (0, 0);
        if (pos.unbondingUntil <= started) return (amount, 0);
        return (0, amount);
    }

    /// Takes `part` from the pool's batch dated `from` (which holds at least that much); an emptied earlier batch gives
    /// its slot to the later one, so that `b` stays empty whenever `a` is.
    function _takeFromPool(StakePool storage pool, uint256 from, uint256 part) private {
        uint256 fromA = pool.fromA;
        if (fromA != from) {
            pool.b -= uint112(part);
            return;
        }
        uint112 left = pool.a - uint112(part);
        uint112 b = pool.b;
        if (left == 0 && b != 0) (pool.a, pool.fromA, pool.b) = (b, uint32(fromA + 1), 0);
        else pool.a = left;
    }

    /// Dividends of `units` of stake between two accumulator values, rounded down.
    function _earned(uint256 units, uint256 acc, uint256 since) private pure returns (uint256) {
        // Wrapping subtraction intended: the accumulator may wrap, and the difference of two of its values is exact
        // modulo 2^256 as long as no position spans 2^256 of growth.
        unchecked {
            return Math.mulDiv(units, acc - since, Q128);
        }
    }
}
