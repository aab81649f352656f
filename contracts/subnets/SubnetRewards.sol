// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ISubnets} from "../interfaces/ISubnets.sol";
import {SubnetState} from "./SubnetStorage.sol";

/// @notice Stake delegated to one hotkey on one subnet: a share pool whose stakers earn the hotkey's dividends
/// (after its take) through a per-unit accumulator.
///
/// New stake waits in `pending` until the start of the `pendingFrom`-th epoch (counted as epochs start), then
/// joins `active`; the join is folded lazily by whoever touches the pool next. Since the accumulator moves only
/// when the epoch credits the hotkey, and crediting folds first, its value at the fold is its value at the
/// activation: it is kept in `rewardPerStakeAt[pendingFrom]` for the positions that joined with that batch.
struct StakePool {
    /// Active stake in stake token units: counts for stake weight and earns dividends.
    uint256 active;
    /// Dividends per active stake unit since the pool began, Q128; may wrap (only differences are used).
    uint256 rewardPerStake;
    /// Stake waiting for the start of epoch `pendingFrom`.
    uint128 pending;
    uint40 pendingFrom;
    /// Take in effect until epoch `nextTakeFrom` starts, then `nextTake` (both u16 proportions).
    uint16 take;
    uint16 nextTake;
    uint40 nextTakeFrom;
    /// Whether the hotkey's coldkey ever set a take (else the default applies).
    bool takeSet;
    /// `rewardPerStake` when the batch of epoch `from` became active.
    mapping(uint256 from => uint256) rewardPerStakeAt;
}

/// @notice One staker's position on one hotkey.
struct StakePosition {
    uint256 active;
    /// `rewardPerStake` of the pool when `active` was last settled.
    uint256 rewardPerStakeLast;
    /// Dividends settled and not yet paid.
    uint256 rewards;
    /// Stake waiting for the start of epoch `pendingFrom`.
    uint128 pending;
    uint40 pendingFrom;
}

/// @title SubnetRewards
/// @notice Stake weights and reward crediting, shared by the subnet contract and the epoch library.
library SubnetRewards {
    /// @notice The default validator take, and the highest one: 18% as a u16 proportion.
    uint16 internal constant DEFAULT_TAKE = 11_796;
    uint256 internal constant U16_MAX = 65_535;
    uint256 internal constant Q128 = 1 << 128;

    /// @notice Stake weight of `hotkey` for the epoch being started: its active stake divided by the subnet's
    /// stake scale, capped at 2^63 - 1 units. Stake due to become active by now counts though not folded yet.
    function stakeWeight(SubnetState storage s, address hotkey) internal view returns (uint64) {
        StakePool storage pool = s.pools[hotkey];
        uint256 active = pool.active;
        uint256 pending = pool.pending;
        if (pending != 0 && pool.pendingFrom <= s.epochsStarted) active += pending;
        uint256 w = active / s.stakeScale;
        return w > type(uint64).max >> 1 ? uint64(type(uint64).max >> 1) : uint64(w);
    }

    /// @notice Credits one UID's epoch emission: `server` (incentive) to the hotkey's coldkey; of `validator`
    /// (dividends), the take to the coldkey and the rest to the hotkey's active stakers. Without active stake the
    /// coldkey receives all. Stakers' shares round down; what rounding leaves stays in the contract.
    function creditEmission(SubnetState storage s, address hotkey, uint256 server, uint256 validator) internal {
        StakePool storage pool = s.pools[hotkey];
        foldPool(s, pool);
        uint256 toColdkey = server;
        if (validator != 0) {
            uint256 active = pool.active;
            if (active == 0) {
                toColdkey += validator;
            } else {
                uint256 taken = (validator * takeOf(s, pool)) / U16_MAX;
                toColdkey += taken;
                // Overflow not possible in a meaningful way: the accumulator may wrap, as only differences between
                // two of its values are ever used, and no position's span exceeds 2^256.
                unchecked {
                    pool.rewardPerStake += Math.mulDiv(validator - taken, Q128, active);
                }
            }
        }
        if (toColdkey != 0) {
            address coldkey = s.coldkeys[hotkey];
            s.claimable[coldkey == address(0) ? hotkey : coldkey] += toColdkey;
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
        pool.nextTakeFrom = SafeCast.toUint40(from);
        pool.takeSet = true;
    }

    /// @notice Moves the pool's pending stake into its active stake if its epoch has started.
    function foldPool(SubnetState storage s, StakePool storage pool) internal {
        uint256 pending = pool.pending;
        if (pending == 0) return;
        uint256 from = pool.pendingFrom;
        if (from > s.epochsStarted) return;
        pool.rewardPerStakeAt[from] = pool.rewardPerStake;
        pool.active += pending;
        pool.pending = 0;
    }

    /// @notice Brings a position up to date: its dividends settled, its pending stake folded if due.
    function settle(SubnetState storage s, StakePool storage pool, StakePosition storage pos) internal {
        foldPool(s, pool);
        uint256 acc = pool.rewardPerStake;
        uint256 rewards = pos.rewards;
        uint256 active = pos.active;
        // Wrapping subtraction intended: the accumulator may wrap, its differences stay exact.
        unchecked {
            if (active != 0) rewards += Math.mulDiv(active, acc - pos.rewardPerStakeLast, Q128);
            uint256 pending = pos.pending;
            if (pending != 0 && pos.pendingFrom <= s.epochsStarted) {
                rewards += Math.mulDiv(pending, acc - pool.rewardPerStakeAt[pos.pendingFrom], Q128);
                pos.active = active + pending;
                pos.pending = 0;
            }
        }
        pos.rewardPerStakeLast = acc;
        pos.rewards = rewards;
    }

    /// @notice Dividends a position would hold once settled (a view of {settle}).
    function pendingRewards(SubnetState storage s, StakePool storage pool, StakePosition storage pos)
        internal
        view
        returns (uint256 rewards, uint256 active, uint256 pending)
    {
        uint256 acc = pool.rewardPerStake;
        rewards = pos.rewards;
        active = pos.active;
        pending = pos.pending;
        // Wrapping subtraction intended, as in {settle}.
        unchecked {
            if (active != 0) rewards += Math.mulDiv(active, acc - pos.rewardPerStakeLast, Q128);
            if (pending != 0 && pos.pendingFrom <= s.epochsStarted) {
                // Not folded at the pool yet: the accumulator has not moved since the activation.
                uint256 at = pool.pending != 0 && pool.pendingFrom == pos.pendingFrom
                    ? acc
                    : pool.rewardPerStakeAt[pos.pendingFrom];
                rewards += Math.mulDiv(pending, acc - at, Q128);
                active += pending;
                pending = 0;
            }
        }
    }

    /// @notice Adds `amount` of `staker`'s stake to the pool, active from the next epoch to start.
    /// @return from The started-epoch count from which it is active.
    function addStake(SubnetState storage s, address hotkey, address staker, uint256 amount)
        internal
        returns (uint64 from)
    {
        StakePool storage pool = s.pools[hotkey];
        StakePosition storage pos = s.positions[hotkey][staker];
        settle(s, pool, pos);
        from = s.epochsStarted + 1;
        uint40 from40 = SafeCast.toUint40(from);
        // A pool's or position's pending batch is always the next epoch's here: older batches were folded above.
        pool.pending = SafeCast.toUint128(pool.pending + amount);
        pool.pendingFrom = from40;
        pos.pending = SafeCast.toUint128(pos.pending + amount);
        pos.pendingFrom = from40;
    }

    /// @notice Removes `amount` of `staker`'s stake (pending first) and takes its settled dividends.
    /// @return rewards Dividends to pay the staker.
    function removeStake(SubnetState storage s, address hotkey, address staker, uint256 amount)
        internal
        returns (uint256 rewards)
    {
        StakePool storage pool = s.pools[hotkey];
        StakePosition storage pos = s.positions[hotkey][staker];
        settle(s, pool, pos);
        uint256 pending = pos.pending;
        uint256 active = pos.active;
        if (amount > pending + active) {
            revert ISubnets.SubnetInsufficientStake(hotkey, staker, pending + active, amount);
        }
        uint256 fromPending = amount < pending ? amount : pending;
        // Overflow not possible: fromPending <= pending <= pool.pending (the position's batch is the pool's, both
        // unfolded), and amount - fromPending <= active <= pool.active.
        unchecked {
            if (fromPending != 0) {
                pos.pending = uint128(pending - fromPending);
                pool.pending -= uint128(fromPending);
            }
            uint256 fromActive = amount - fromPending;
            if (fromActive != 0) {
                pos.active = active - fromActive;
                pool.active -= fromActive;
            }
        }
        rewards = takeRewards(pos);
    }

    /// @notice Takes a settled position's dividends.
    function takeRewards(StakePosition storage pos) internal returns (uint256 rewards) {
        rewards = pos.rewards;
        if (rewards != 0) pos.rewards = 0;
    }
}
