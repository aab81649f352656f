// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title INetworkEmission
/// @notice The network level of the market: the protocol token's emission, split across subnets by its holders'
/// votes, then within each subnet by Yuma consensus.
///
/// The contract holds a share of the protocol token's fixed supply (its reserve) and releases a fraction of it
/// (`rateBps`) in each period, fixed by the period's first call (a period without any call releases nothing and its
/// tokens stay in the reserve): a geometric decay, never more than it holds, nothing minted. Holders allocate their
/// delegated votes (ERC-5805) across subnets in basis points; an allocation persists until changed. A vote or a
/// refresh made during period `p` weighs from period `p + 1` on, with the voter's power at the start of `p`
/// (capped by its power now), so tokens borrowed, bought or delegated during a period move nothing in it or in the
/// next. Anyone may refresh anyone's weight to its present power; no call loops over voters or subnets. A weight
/// falls only when its voter votes again or is refreshed: a voter whose votes moved on (sold, re-delegated) keeps its
/// weight until someone refreshes it, which takes effect from the next period, so keepers refresh stale voters.
///
/// Period `p`'s release is shared by the subnets' weights as they stood when `p` began: each subnet's share, capped
/// at `capBps` of the release, is distributed into its reward pool by anyone during `p`, if the subnet is active.
/// What is not distributed by the end of `p` (a share over the cap, an inactive subnet's share, rounding) stays in
/// the reserve, which the next period's release is a fraction of: nothing is lost and nothing is stuck.
interface INetworkEmission {
    /// @notice The parameters the protocol DAO governs, within the bounds the contract fixes.
    struct EmissionSettings {
        /// Seconds a period lasts.
        uint32 periodLength;
        /// The fraction of the reserve released in each period, in basis points.
        uint16 rateBps;
        /// The most of a period's release one subnet may receive, in basis points.
        uint16 capBps;
        /// Blocks a subnet may be late for its next epoch and still count as active.
        uint32 graceBlocks;
        /// Validators with stake, besides the owner's hotkey, a subnet needs to count as active.
        uint16 minValidators;
    }

    /// @notice Why a subnet is not active (see {activity}).
    enum Activity {
        Active,
        /// It has completed no epoch.
        NoEpoch,
        /// Its next epoch is due more than `graceBlocks` ago.
        Overdue,
        /// Fewer than `minValidators` UIDs besides the owner's hold a validator permit (stake).
        TooFewValidators
    }

    /// @notice Period `period` opened: it releases `released` of the `reserve` the contract held.
    event EmissionPeriodOpened(uint256 indexed period, uint256 reserve, uint256 released);

    /// @notice `voter` allocated its votes: `bps[i]` to subnet `netuids[i]`, with `power` votes, from `from` on.
    event EmissionVoted(address indexed voter, uint256 indexed from, uint256 power, uint256[] netuids, uint16[] bps);

    /// @notice `voter`'s weight was refreshed by `caller` from `oldPower` to `newPower` votes, from `from` on.
    event EmissionRefreshed(
        address indexed voter, address indexed caller, uint256 indexed from, uint256 oldPower, uint256 newPower
    );

    /// @notice `amount` of period `period`'s release went into subnet `netuid`'s reward pool, at `caller`'s call.
    event EmissionDistributed(uint256 indexed netuid, uint256 indexed period, uint256 amount, address caller);

    /// @notice The DAO set `settings`, in effect from period `from`.
    event EmissionSettingsQueued(EmissionSettings settings, uint256 from);

    /// @notice Thrown when the token's supply could exceed what a weight holds (2^96 - 1 units).
    error EmissionSupplyTooLarge(uint256 supply);

    /// @notice Thrown when the token does not count votes by timestamp (ERC-6372 `mode=timestamp`).
    error EmissionTokenClockNotTimestamp();

    /// @notice Thrown when `caller`, not the protocol timelock, changes the settings.
    error EmissionOnlyTimelock(address caller);

    /// @notice Thrown when a setting is outside its bounds: `value` for the setting named `name`, in `[min, max]`.
    error EmissionSettingOutOfBounds(string name, uint256 value, uint256 min, uint256 max);

    /// @notice Thrown when a vote gives `netuids` and `bps` of different lengths.
    error EmissionLengthMismatch(uint256 netuids, uint256 bps);

    /// @notice Thrown when a vote names `count` subnets, more than `max`.
    error EmissionTooManySubnets(uint256 count, uint256 max);

    /// @notice Thrown when a vote's subnets are not in strictly ascending order (each at most once): at `index`.
    error EmissionSubnetsNotAscending(uint256 index);

    /// @notice Thrown when a vote gives subnet `netuid` no weight (leave it out instead).
    error EmissionZeroWeight(uint256 netuid);

    /// @notice Thrown when a vote's weights add up to `total` basis points, more than 10,000.
    error EmissionWeightsExceedTotal(uint256 total);

    /// @notice Thrown when subnet `netuid` does not exist.
    error EmissionUnknownSubnet(uint256 netuid);

    /// @notice Thrown when subnet `netuid` pays rewards in `rewardToken`, not the protocol token emitted here.
    error EmissionRewardTokenMismatch(uint256 netuid, address rewardToken);

    /// @notice Thrown when a vote or refresh would take a weight to `weight`, more than a weight holds (`max`). Only
    /// stale weights reach it: a voter's weight drops only when refreshed, so the weights of voters whose votes moved
    /// on can add up past the supply; refreshing them makes room.
    error EmissionWeightTooLarge(uint256 weight, uint256 max);

    /// @notice Thrown when a vote is given without voting power: `voter` had none at the period's start.
    error EmissionNoVotingPower(address voter);

    /// @notice Thrown when subnet `netuid`'s share of period `period` was already distributed.
    error EmissionAlreadyDistributed(uint256 netuid, uint256 period);

    /// @notice Thrown when subnet `netuid` has no share of period `period` (no votes, or nothing released).
    error EmissionNoShare(uint256 netuid, uint256 period);

    /// @notice Thrown when subnet `netuid` is not active (see {Activity}), so it receives nothing now.
    error EmissionSubnetInactive(uint256 netuid, Activity activity);

    /// @notice Allocates the caller's votes: `bps[i]` basis points to subnet `netuids[i]`, from the next period on.
    /// @dev Replaces the caller's allocation. The weight is the caller's delegated votes at the current period's
    /// start, capped by its votes now. Subnets ascending, at most {MAX_SUBNETS_PER_VOTER}, weights adding up to at
    /// most 10,000; an empty list withdraws the caller's votes. A subnet must pay rewards in the protocol token.
    /// @param netuids The subnets voted for, in ascending order.
    /// @param bps The basis points of the caller's votes each receives.
    function vote(uint256[] calldata netuids, uint16[] calldata bps) external;

    /// @notice Brings `voter`'s weight to its present voting power (as {vote} measures it), from the next period
    /// on, keeping its allocation. Anyone may call it on anyone.
    /// @param voter The voter to refresh.
    /// @return changed Whether its weight changed.
    function refresh(address voter) external returns (bool changed);

    /// @notice Puts each subnet's share of the current period into its reward pool. Anyone may call it, once per
    /// subnet and period, while the subnet is active; the call reverts unless every subnet listed receives.
    /// @param netuids The subnets (one or several: the cost per subnet falls with the batch).
    /// @return amounts The protocol tokens each received.
    function distribute(uint256[] calldata netuids) external returns (uint256[] memory amounts);

    /// @notice Sets the settings from the next period on (the protocol timelock only, within the bounds).
    /// @param settings The new settings.
    function setSettings(EmissionSettings calldata settings) external;

    /// @notice The current period: its number (the first is 1), start and end (exclusive) in seconds.
    function currentPeriod() external view returns (uint256 period, uint256 start, uint256 end);

    /// @notice The settings in effect now, and the ones queued with the period they apply from (0: none queued).
    function settings()
        external
        view
        returns (EmissionSettings memory current, EmissionSettings memory queued, uint256 from);

    /// @notice What the current period releases and how much of it was distributed so far; before the period's
    /// first call opens it, what opening it now would release.
    function periodRelease() external view returns (uint256 period, uint256 released, uint256 distributed);

    /// @notice The protocol tokens held for later periods: the balance less the current period's undistributed
    /// release.
    function reserve() external view returns (uint256);

    /// @notice Subnet `netuid`'s weight in the current period and from the next on (votes × basis points).
    function weightOf(uint256 netuid) external view returns (uint256 current, uint256 next);

    /// @notice All subnets' weight in the current period and from the next on.
    function totalWeight() external view returns (uint256 current, uint256 next);

    /// @notice Subnet `netuid`'s share of the current period (capped) and whether it was distributed.
    function shareOf(uint256 netuid) external view returns (uint256 amount, bool distributed);

    /// @notice Whether subnet `netuid` is active now, else why not.
    function activity(uint256 netuid) external view returns (Activity);

    /// @notice `voter`'s allocation: the power its weight counts, the period it was recorded in, and the subnets
    /// with their basis points.
    function ballotOf(address voter)
        external
        view
        returns (uint256 power, uint256 period, uint256[] memory netuids, uint16[] memory bps);

    /// @notice `voter`'s voting power as {vote} and {refresh} would count it now.
    function powerOf(address voter) external view returns (uint256);
}
