// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {INetworkEmission} from "../interfaces/INetworkEmission.sol";
import {ISubnets} from "../interfaces/ISubnets.sol";

/// @title NetworkEmission
/// @notice Holds the protocol token's emission reserve, releases a fraction of it each period, and shares each
/// period's release across subnets by the protocol token holders' votes (see {INetworkEmission}).
///
/// Weights are kept per subnet and in total as a {Tally}: the weight in the period the tally was last touched and
/// the weight from the next period on. A vote or refresh changes only the `next` side, so a period's weights are
/// fixed when it begins; a tally touched in a later period first moves `next` into `current`. Every call touches a
/// voter's own subnets (at most {MAX_SUBNETS_PER_VOTER}) and one subnet, never the sets of voters or subnets.
contract NetworkEmission is INetworkEmission, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev A subnet's (or all subnets') weight: `current` in period `period`, `next` from period `period + 1` on;
    /// `distributed` is the last period whose share went to the subnet. Weights are votes × basis points / 10,000.
    /// Each voter's weight is below the token's supply, which the constructor checks fits 96 bits; but a weight
    /// drops only when refreshed, so stale weights can add up past the supply, and a change that would take a
    /// tally past 96 bits is refused ({EmissionWeightTooLarge}) rather than wrapped.
    struct Tally {
        uint96 current;
        uint96 next;
        uint32 period;
        uint32 distributed;
    }

    /// @dev A voter's allocation: its subnets and basis points, packed as `netuid << 16 | bps` (netuids below
    /// 2^32), and the power they weigh with, recorded in period `period`.
    struct Ballot {
        uint96 power;
        uint32 period;
        uint8 count;
        uint48[16] entries;
    }

    /// @dev The period opened last: its release and how much of it was distributed.
    struct Release {
        uint32 period;
        uint112 released;
        uint112 distributed;
    }

    /// @dev The clock and the settings in one word, read once per call. Period `index` starts at `start`; the periods
    /// from it on last `periodLength`. Settings queued for period `queuedFrom` (0: none) wait in `_queued`.
    ///
    /// | bits    | field         |
    /// |---------|---------------|
    /// | 0-63    | start         |
    /// | 64-95   | index         |
    /// | 96-127  | queuedFrom    |
    /// | 128-159 | periodLength  |
    /// | 160-175 | rateBps       |
    /// | 176-191 | capBps        |
    /// | 192-223 | graceBlocks   |
    /// | 224-239 | minValidators |
    struct Config {
        uint64 start;
        uint32 index;
        uint32 queuedFrom;
        uint32 periodLength;
        uint16 rateBps;
        uint16 capBps;
        uint32 graceBlocks;
        uint16 minValidators;
    }

    /// @notice The most subnets one voter's allocation names (the length of {Ballot-entries}).
    uint256 public constant MAX_SUBNETS_PER_VOTER = 16;
    /// @notice Basis points in a whole.
    uint256 public constant BPS = 10_000;

    /// @notice Bounds of the settings, fixed here so that no vote can leave them.
    uint256 public constant MIN_PERIOD_LENGTH = 1 hours;
    uint256 public constant MAX_PERIOD_LENGTH = 90 days;
    uint256 public constant MIN_RATE_BPS = 1;
    uint256 public constant MAX_RATE_BPS = 1000;
    uint256 public constant MIN_CAP_BPS = 500;
    uint256 public constant MAX_GRACE_BLOCKS = 1_000_000;
    uint256 public constant MIN_VALIDATORS = 1;
    uint256 public constant MAX_VALIDATORS = 64;

    /// @notice The protocol token: emitted here, and its delegated votes allocate the emission.
    IERC20 public immutable token;
    /// @notice The subnets whose reward pools receive the emission.
    ISubnets public immutable subnets;
    /// @notice The protocol timelock, the only account that changes the settings.
    address public immutable timelock;

    Config private _config;
    EmissionSettings private _queued;
    Release private _release;
    Tally private _total;
    mapping(uint256 netuid => Tally) private _tallies;
    mapping(address voter => Ballot) private _ballots;

    /// @param token_ The protocol token (ERC-20 with ERC-5805 votes on a timestamp clock, supply below 2^96).
    /// @param subnets_ The subnet contract.
    /// @param timelock_ The protocol timelock.
    /// @param settings_ The first settings, in force from period 1, which starts now.
    constructor(IERC20 token_, ISubnets subnets_, address timelock_, EmissionSettings memory settings_) {
        uint256 supply = token_.totalSupply();
        if (supply > type(uint96).max) revert EmissionSupplyTooLarge(supply);
        if (keccak256(bytes(IERC5805(address(token_)).CLOCK_MODE())) != keccak256("mode=timestamp")) {
            revert EmissionTokenClockNotTimestamp();
        }
        _check(settings_);
        token = token_;
        subnets = subnets_;
        timelock = timelock_;
        Config memory c;
        (c.start, c.index) = (uint64(block.timestamp), 1);
        _apply(c, settings_);
        _config = c;
        emit EmissionSettingsQueued(settings_, 1);
        // Subnets pull each share from here when it is distributed; an unlimited allowance is never decreased.
        token_.forceApprove(address(subnets_), type(uint256).max);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Votes
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc INetworkEmission
    function vote(uint256[] calldata netuids, uint16[] calldata bps) external {
        (uint256 period, uint256 start,) = _sync();
        uint256 count = netuids.length;
        if (count != bps.length) revert EmissionLengthMismatch(count, bps.length);
        if (count > MAX_SUBNETS_PER_VOTER) revert EmissionTooManySubnets(count, MAX_SUBNETS_PER_VOTER);
        uint256 power = _power(msg.sender, start);
        if (count != 0 && power == 0) revert EmissionNoVotingPower(msg.sender);

        Ballot storage ballot = _ballots[msg.sender];
        uint256 removed = _unweigh(ballot, ballot.power, period);
        uint256 added;
        uint256 sum;
        for (uint256 i; i < count; ++i) {
            uint256 netuid = netuids[i];
            uint256 w = bps[i];
            if (i != 0 && netuid <= netuids[i - 1]) revert EmissionSubnetsNotAscending(i);
            if (w == 0) revert EmissionZeroWeight(netuid);
            sum += w;
            Tally memory t = _tallies[netuid];
            // A subnet is checked the first time it is voted for: its existence and reward token never change.
            if (t.period == 0) _checkSubnet(netuid);
            _roll(t, period);
            uint256 contribution = (power * w) / BPS;
            t.next = _fit(t.next + contribution);
            _tallies[netuid] = t;
            added += contribution;
            ballot.entries[i] = uint48((netuid << 16) | w);
        }
        if (sum > BPS) revert EmissionWeightsExceedTotal(sum);
        _moveTotal(removed, added, period);
        ballot.power = _fit(power);
        ballot.period = uint32(period);
        ballot.count = uint8(count);
        emit EmissionVoted(msg.sender, period + 1, power, netuids, bps);
    }

    /// @inheritdoc INetworkEmission
    function refresh(address voter) external returns (bool changed) {
        (uint256 period, uint256 start,) = _sync();
        Ballot storage ballot = _ballots[voter];
        uint256 count = ballot.count;
        uint256 oldPower = ballot.power;
        uint256 power = _power(voter, start);
        if (count == 0 || power == oldPower) return false;
        uint256 removed;
        uint256 added;
        for (uint256 i; i < count; ++i) {
            uint256 entry = ballot.entries[i];
            uint256 w = entry & 0xffff;
            Tally memory t = _tallies[entry >> 16];
            _roll(t, period);
            uint256 before = (oldPower * w) / BPS;
            uint256 next = (power * w) / BPS;
            // Cannot underflow: `before` is what this ballot added to the tally, and no other ballot removes it.
            t.next = _fit(t.next - before + next);
            _tallies[entry >> 16] = t;
            removed += before;
            added += next;
        }
        _moveTotal(removed, added, period);
        ballot.power = _fit(power);
        ballot.period = uint32(period);
        emit EmissionRefreshed(voter, msg.sender, period + 1, oldPower, power);
        return true;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Distribution
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc INetworkEmission
    function distribute(uint256[] calldata netuids) external nonReentrant returns (uint256[] memory amounts) {
        (uint256 period,, Config memory c) = _sync();
        Release memory r = _release;
        uint256 total = _weightIn(_total, period);
        uint256 count = netuids.length;
        amounts = new uint256[](count);
        // Effects first, for every subnet; then the transfers into their pools.
        for (uint256 i; i < count; ++i) {
            uint256 netuid = netuids[i];
            Tally memory t = _tallies[netuid];
            if (t.distributed == period) revert EmissionAlreadyDistributed(netuid, period);
            _roll(t, period);
            uint256 amount = _share(t.current, total, r.released, c.capBps);
            if (amount == 0) revert EmissionNoShare(netuid, period);
            Activity activity_ = _activity(netuid, c);
            if (activity_ != Activity.Active) revert EmissionSubnetInactive(netuid, activity_);
            t.distributed = uint32(period);
            _tallies[netuid] = t;
            // Cannot overflow: the shares of a period add up to at most its release (each rounds down).
            r.distributed += uint112(amount);
            amounts[i] = amount;
            emit EmissionDistributed(netuid, period, amount, msg.sender);
        }
        _release = r;
        for (uint256 i; i < count; ++i) {
            subnets.fund(netuids[i], amounts[i]);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Settings
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc INetworkEmission
    function setSettings(EmissionSettings calldata settings_) external {
        if (msg.sender != timelock) revert EmissionOnlyTimelock(msg.sender);
        _check(settings_);
        (uint256 period,,) = _sync();
        _queued = settings_;
        _config.queuedFrom = uint32(period + 1);
        emit EmissionSettingsQueued(settings_, period + 1);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc INetworkEmission
    function currentPeriod() external view returns (uint256 period, uint256 start, uint256 end) {
        Config memory c = _effective();
        (period, start) = _periodOf(c);
        end = start + c.periodLength;
    }

    /// @inheritdoc INetworkEmission
    function settings()
        external
        view
        returns (EmissionSettings memory current, EmissionSettings memory queued, uint256 from)
    {
        Config memory c = _effective();
        current = _settingsOf(c);
        if (c.queuedFrom != 0) (queued, from) = (_queued, c.queuedFrom);
    }

    /// @inheritdoc INetworkEmission
    function periodRelease() public view returns (uint256 period, uint256 released, uint256 distributed) {
        Config memory c = _effective();
        (period,) = _periodOf(c);
        Release memory r = _release;
        if (r.period == period) return (period, r.released, r.distributed);
        released = (token.balanceOf(address(this)) * c.rateBps) / BPS;
    }

    /// @inheritdoc INetworkEmission
    function reserve() external view returns (uint256) {
        (, uint256 released, uint256 distributed) = periodRelease();
        return token.balanceOf(address(this)) - (released - distributed);
    }

    /// @inheritdoc INetworkEmission
    function weightOf(uint256 netuid) external view returns (uint256 current, uint256 next) {
        Tally memory t = _tallies[netuid];
        return (_weightIn(t, _periodNow()), t.next);
    }

    /// @inheritdoc INetworkEmission
    function totalWeight() external view returns (uint256 current, uint256 next) {
        Tally memory t = _total;
        return (_weightIn(t, _periodNow()), t.next);
    }

    /// @inheritdoc INetworkEmission
    function shareOf(uint256 netuid) external view returns (uint256 amount, bool distributed) {
        (uint256 period, uint256 released,) = periodRelease();
        Tally memory t = _tallies[netuid];
        amount = _share(_weightIn(t, period), _weightIn(_total, period), released, _effective().capBps);
        distributed = t.distributed == period;
    }

    /// @inheritdoc INetworkEmission
    function activity(uint256 netuid) external view returns (Activity) {
        return _activity(netuid, _effective());
    }

    /// @inheritdoc INetworkEmission
    function ballotOf(address voter)
        external
        view
        returns (uint256 power, uint256 period, uint256[] memory netuids, uint16[] memory bps)
    {
        Ballot storage ballot = _ballots[voter];
        uint256 count = ballot.count;
        netuids = new uint256[](count);
        bps = new uint16[](count);
        for (uint256 i; i < count; ++i) {
            uint256 entry = ballot.entries[i];
            (netuids[i], bps[i]) = (entry >> 16, uint16(entry));
        }
        return (ballot.power, ballot.period, netuids, bps);
    }

    /// @inheritdoc INetworkEmission
    function powerOf(address voter) external view returns (uint256) {
        (, uint256 start) = _periodOf(_effective());
        return _power(voter, start);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Brings the clock, the settings and the period's release up to now: queued settings whose period has
    /// come take effect, and the first call of a period opens it, releasing `rateBps` of all the contract holds (the
    /// last period's undistributed release included).
    function _sync() private returns (uint256 period, uint256 start, Config memory c) {
        c = _effective();
        if (c.index != _config.index) _config = c;
        (period, start) = _periodOf(c);
        if (_release.period != period) {
            uint256 held = token.balanceOf(address(this));
            uint256 released = (held * c.rateBps) / BPS;
            // Cannot overflow: the balance is at most the token's supply, below 2^96.
            _release = Release({period: uint32(period), released: uint112(released), distributed: 0});
            emit EmissionPeriodOpened(period, held, released);
        }
    }

    /// @dev The clock and settings in effect now: queued settings apply once their period has begun, from that
    /// period's start (measured in the periods before them).
    function _effective() private view returns (Config memory c) {
        c = _config;
        uint256 from = c.queuedFrom;
        if (from != 0) {
            uint256 fromStart = c.start + (from - c.index) * c.periodLength;
            if (block.timestamp >= fromStart) {
                (c.start, c.index, c.queuedFrom) = (uint64(fromStart), uint32(from), 0);
                _apply(c, _queued);
            }
        }
    }

    function _periodNow() private view returns (uint256 period) {
        (period,) = _periodOf(_effective());
    }

    function _periodOf(Config memory c) private view returns (uint256 period, uint256 start) {
        uint256 elapsed = (block.timestamp - c.start) / c.periodLength;
        period = c.index + elapsed;
        start = c.start + elapsed * c.periodLength;
    }

    function _apply(Config memory c, EmissionSettings memory s) private pure {
        (c.periodLength, c.rateBps, c.capBps, c.graceBlocks, c.minValidators) =
            (s.periodLength, s.rateBps, s.capBps, s.graceBlocks, s.minValidators);
    }

    function _settingsOf(Config memory c) private pure returns (EmissionSettings memory) {
        return EmissionSettings(c.periodLength, c.rateBps, c.capBps, c.graceBlocks, c.minValidators);
    }

    /// @dev Votes as a vote counts them: the delegated votes just before the period's start, capped by the votes
    /// now, so that votes gained since the start count for nothing and votes lost since count at once.
    function _power(address voter, uint256 start) private view returns (uint256) {
        IERC5805 votes = IERC5805(address(token));
        return Math.min(votes.getPastVotes(voter, start - 1), votes.getVotes(voter));
    }

    /// @dev Takes the ballot's weight (at `power`) out of its subnets' `next` weights; returns the total taken.
    function _unweigh(Ballot storage ballot, uint256 power, uint256 period) private returns (uint256 removed) {
        uint256 count = ballot.count;
        for (uint256 i; i < count; ++i) {
            uint256 entry = ballot.entries[i];
            Tally memory t = _tallies[entry >> 16];
            _roll(t, period);
            uint256 contribution = (power * (entry & 0xffff)) / BPS;
            // Cannot underflow: the ballot added this contribution and nothing else removed it.
            t.next -= uint96(contribution);
            _tallies[entry >> 16] = t;
            removed += contribution;
        }
    }

    function _moveTotal(uint256 removed, uint256 added, uint256 period) private {
        Tally memory t = _total;
        _roll(t, period);
        // Cannot underflow: the total is the sum of the subnets' contributions, `removed` among them.
        t.next = _fit(t.next - removed + added);
        _total = t;
    }

    /// @dev `weight` as a tally holds it, refused past 96 bits: only stale weights (voters not refreshed since their
    /// votes moved on) add up that far, and refreshing them makes room. A wrapped total would be smaller than the
    /// subnets' weights, and their shares would add up to more than the release.
    function _fit(uint256 weight) private pure returns (uint96) {
        if (weight > type(uint96).max) revert EmissionWeightTooLarge(weight, type(uint96).max);
        return uint96(weight);
    }

    /// @dev A tally last touched before `period`: the weight from its next period on is the weight in `period`.
    function _roll(Tally memory t, uint256 period) private pure {
        if (t.period < period) (t.current, t.period) = (t.next, uint32(period));
    }

    function _weightIn(Tally memory t, uint256 period) private pure returns (uint256) {
        return t.period < period ? t.next : t.current;
    }

    /// @dev A subnet's share of `released`: by its weight among all, rounded down, and at most `capBps` of it.
    function _share(uint256 weight, uint256 total, uint256 released, uint256 capBps) private pure returns (uint256) {
        if (weight == 0) return 0;
        return Math.min(Math.mulDiv(released, weight, total), (released * capBps) / BPS);
    }

    function _checkSubnet(uint256 netuid) private view {
        if (netuid > type(uint32).max) revert EmissionUnknownSubnet(netuid);
        address rewardToken;
        try subnets.emissionStatus(netuid) returns (address rewardToken_, uint64, uint64, uint256) {
            rewardToken = rewardToken_;
        } catch {
            revert EmissionUnknownSubnet(netuid);
        }
        if (rewardToken != address(token)) revert EmissionRewardTokenMismatch(netuid, rewardToken);
    }

    /// @dev Active: the subnet completed an epoch, its next one is due at most `graceBlocks` ago, and at least
    /// `minValidators` UIDs other than the owner's hold a validator permit (permits go to UIDs with stake).
    function _activity(uint256 netuid, Config memory c) private view returns (Activity) {
        (, uint64 epochNumber, uint64 nextEpochBlock, uint256 validators) = subnets.emissionStatus(netuid);
        if (epochNumber == 0) return Activity.NoEpoch;
        if (block.number > uint256(nextEpochBlock) + c.graceBlocks) return Activity.Overdue;
        uint256 needed = c.minValidators;
        for (uint256 found; found < needed; ++found) {
            if (validators == 0) return Activity.TooFewValidators;
            // Clears the lowest set bit: one validator counted.
            validators &= validators - 1;
        }
        return Activity.Active;
    }

    function _check(EmissionSettings memory s) private pure {
        _bound("periodLength", s.periodLength, MIN_PERIOD_LENGTH, MAX_PERIOD_LENGTH);
        _bound("rateBps", s.rateBps, MIN_RATE_BPS, MAX_RATE_BPS);
        _bound("capBps", s.capBps, MIN_CAP_BPS, BPS);
        _bound("graceBlocks", s.graceBlocks, 0, MAX_GRACE_BLOCKS);
        _bound("minValidators", s.minValidators, MIN_VALIDATORS, MAX_VALIDATORS);
    }

    function _bound(string memory name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert EmissionSettingOutOfBounds(name, value, min, max);
    }
}
