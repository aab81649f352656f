// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Handler} from "../utils/Handler.sol";
import {EmissionRules} from "./EmissionRules.sol";

import {NetworkEmission} from "../../contracts/emission/NetworkEmission.sol";
import {INetworkEmission} from "../../contracts/interfaces/INetworkEmission.sol";
import {MockEmissionSubnets} from "../../contracts/mocks/MockEmissionSubnets.sol";
import {PlainVotesToken} from "../../contracts/mocks/PlainVotesToken.sol";

/// @notice Drives one network emission with random votes (valid ones over six subnets, and every kind of bad one),
/// delegations and transfers among four voters, votes on borrowed tokens, refreshes by anyone, batched
/// distributions (duplicates, unknown subnets and subnets rewarding in another token included), tokens sent straight
/// to the emission, subnets turning inactive for each reason and back, settings changed by the timelock (and
/// refused to others), and time. Every action is made whether or not it should succeed, and its outcome is checked
/// against a model kept here: the clock and settings, each voter's ballot and its contribution to every subnet's
/// weight (rolled by period as the emission rolls its tallies), each period's opening balance and release, and what
/// each subnet received in each period. An outcome other than the model's is counted in {surprises}.
contract EmissionHandler is Handler {
    /// @dev A voter's ballot as the model expects it: the power it weighs with, recorded in period `period` (which
    /// started at `start`), its basis points by netuid; and its contributions to each subnet's weight, `current` in
    /// period `rolled` and `next` from the period after on. Arrays are indexed by netuid, 1 to {SUBNETS}.
    struct Ghost {
        uint256 power;
        uint256 period;
        uint256 start;
        uint16[7] bps;
        uint256 rolled;
        uint256[7] current;
        uint256[7] next;
    }

    /// @dev A period's opening (by the first successful call in it): the balance it opened with, what it released,
    /// and the tokens sent straight to the emission before it (all of them, since the start).
    struct Opening {
        uint256 period;
        uint256 balance;
        uint256 release;
        uint256 sentBefore;
    }

    /// @dev The emission's clock and settings as the model expects them: period `index` starts at `start`; settings
    /// queued for period `queuedFrom` (0: none) apply from its start.
    struct Clock {
        uint256 start;
        uint256 index;
        uint256 queuedFrom;
        INetworkEmission.EmissionSettings current;
        INetworkEmission.EmissionSettings queued;
    }

    uint256 public constant VOTERS = 4;
    uint256 public constant SUBNETS = EmissionRules.SUBNETS;
    uint256 public constant FOREIGN = EmissionRules.FOREIGN;
    uint256 public constant UNKNOWN = EmissionRules.UNKNOWN;
    uint256 private constant BPS = EmissionRules.BPS;

    PlainVotesToken public immutable token;
    NetworkEmission public immutable emission;
    MockEmissionSubnets public immutable subnets;
    address public immutable timelock;
    /// @notice Holds the tokens that are lent to voters and sent straight to the emission.
    address public immutable lender;
    uint256 public immutable initialReserve;

    /// @notice Tokens sent straight to the emission.
    uint256 public sent;
    /// @notice Tokens the emission distributed, by the handler's count.
    uint256 public totalDistributed;

    /// @notice The last period opened, and the one opened before it (period 0: none yet).
    Opening public opened;
    Opening public previous;

    /// @notice What each period distributed, in all and to each subnet (a subnet paid receives something).
    mapping(uint256 period => uint256) public distributedIn;
    mapping(uint256 period => mapping(uint256 netuid => uint256)) public distributedTo;
    /// @notice Successful calls per action.
    mapping(bytes4 action => uint256) public successes;

    mapping(address voter => Ghost) private _ghosts;
    Clock private _clock;

    constructor(
        NetworkEmission emission_,
        MockEmissionSubnets subnets_,
        address lender_,
        INetworkEmission.EmissionSettings memory settings_
    ) {
        emission = emission_;
        token = PlainVotesToken(address(emission_.token()));
        subnets = subnets_;
        timelock = emission_.timelock();
        lender = lender_;
        initialReserve = token.balanceOf(address(emission_));
        (, uint256 start,) = emission_.currentPeriod();
        _clock.start = start;
        _clock.index = 1;
        _clock.current = settings_;
    }

    // ------------------------------------------------------------ actions

    /// @notice A voter allocates its votes: `mode` picks a valid ballot (most often), a withdrawal, or a bad one of
    /// each kind.
    function vote(uint256 voterSeed, uint256 pickSeed, uint256 bpsSeed, uint256 mode) external {
        (uint256[] memory netuids, uint16[] memory bps) = EmissionRules.ballot(pickSeed, bpsSeed, mode);
        _vote(voterAt(voterSeed), netuids, bps);
    }

    /// @notice A voter borrows tokens, delegates to itself, votes with a valid ballot and pays the tokens back, all at
    /// once: the borrowed tokens must weigh nothing.
    function borrowAndVote(uint256 voterSeed, uint256 amount, uint256 pickSeed, uint256 bpsSeed) external {
        address voter = voterAt(voterSeed);
        amount = _bound(amount, 1, token.balanceOf(lender));
        vm.prank(lender);
        token.transfer(voter, amount);
        vm.prank(voter);
        token.delegate(voter);
        (uint256[] memory netuids, uint16[] memory bps) = EmissionRules.ballot(pickSeed, bpsSeed, 9);
        _vote(voter, netuids, bps);
        vm.prank(voter);
        token.transfer(lender, amount);
    }

    /// @notice Anyone brings a voter's weight to its present power (a fifth account never voted).
    function refresh(uint256 callerSeed, uint256 voterSeed) external {
        address voter = voterSeed % (VOTERS + 1) == VOTERS ? lender : voterAt(voterSeed);
        (uint256 period, uint256 start,) = clockNow();
        Ghost storage g = _ghosts[voter];
        uint256 power = _power(voter, start);
        bool expected = _count(g) != 0 && power != g.power;
        uint256 balance = _held();
        vm.prank(_anyone(callerSeed));
        try emission.refresh(voter) returns (bool changed) {
            if (changed != expected) return _surprise("refresh reported another change");
        } catch {
            return _surprise("refresh refused");
        }
        _opened(period, balance);
        if (expected) _record(voter, period, start, power, g.bps);
        _checkBallot(voter);
        ++successes[msg.sig];
    }

    /// @notice Anyone distributes a batch of one to four subnets, any of the eight (repeats included).
    function distribute(uint256 pickSeed, uint256 countSeed, uint256 callerSeed) external {
        uint256[] memory netuids = new uint256[](countSeed % 2 == 0 ? 1 : 2 + (countSeed >> 1) % 3);
        for (uint256 i; i < netuids.length; ++i) {
            // Mostly the subnets voted for; one time in eight, one rewarding in another token or unknown.
            uint256 pick = pickSeed >> (8 * i);
            netuids[i] = pick % 8 == 0 ? FOREIGN + (pick >> 3) % 2 : 1 + (pick >> 3) % SUBNETS;
        }
        _distribute(netuids, _anyone(callerSeed));
    }

    /// @notice Anyone distributes, in one batch, every subnet due a share now and active.
    function distributeAll(uint256 callerSeed) external {
        (uint256 period,, INetworkEmission.EmissionSettings memory s) = clockNow();
        uint256 released = _releaseNow(period, s);
        uint256[] memory due = new uint256[](SUBNETS);
        uint256 count;
        for (uint256 n = 1; n <= SUBNETS; ++n) {
            bool active = activityOf(n, s) == INetworkEmission.Activity.Active;
            bool unpaid = distributedTo[period][n] == 0;
            if (active && unpaid && expectedShare(n, period, released, s.capBps) != 0) due[count++] = n;
        }
        uint256[] memory netuids = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            netuids[i] = due[i];
        }
        _distribute(netuids, _anyone(callerSeed));
    }

    function delegate(uint256 voterSeed, uint256 toSeed) external {
        address voter = voterAt(voterSeed);
        uint256 to = toSeed % (VOTERS + 1);
        vm.prank(voter);
        try token.delegate(to == VOTERS ? address(0) : voterAt(to)) {}
        catch {
            return _surprise("delegate refused");
        }
        ++successes[msg.sig];
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = voterAt(fromSeed);
        amount = _bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        try token.transfer(voterAt(toSeed), amount) {}
        catch {
            return _surprise("transfer refused");
        }
        ++successes[msg.sig];
    }

    /// @notice Tokens sent straight to the emission: a large amount, or one to three units.
    function sendToEmission(uint256 amount) external {
        amount = amount % 4 == 0 ? 1 + (amount >> 2) % 3 : _bound(amount, 1, token.balanceOf(lender) / 100);
        vm.prank(lender);
        token.transfer(address(emission), amount);
        sent += amount;
        ++successes[msg.sig];
    }

    /// @notice Time passes: to the next period's start, to just before it, or by up to two periods; and blocks.
    function warp(uint256 seconds_, uint256 blocks) external {
        (, uint256 start, INetworkEmission.EmissionSettings memory s) = clockNow();
        uint256 next = start + s.periodLength;
        uint256 mode = seconds_ % 4;
        uint256 to = mode == 0
            ? next
            : mode == 1 ? next - 1 : block.timestamp + _bound(seconds_ >> 2, 1, 2 * s.periodLength);
        vm.warp(to);
        vm.roll(block.number + 1 + blocks % 5000);
        ++successes[msg.sig];
    }

    /// @notice A subnet turns active, or inactive for one of the reasons, or sits at the edge of the grace or of the
    /// validators needed (on either side).
    function setActivity(uint256 netuidSeed, uint256 kind, uint256 x) external {
        uint256 netuid = 1 + netuidSeed % SUBNETS;
        (,, INetworkEmission.EmissionSettings memory s) = clockNow();
        // Half the time active; else no epoch, overdue, or at one of the two edges.
        kind %= 8;
        if (kind == 6) {
            // Due exactly `graceBlocks` ago (still active), or one block more (overdue).
            subnets.setStatus(netuid, 1, uint64(block.number - s.graceBlocks - x % 2), type(uint256).max);
        } else if (kind == 7) {
            // Exactly the validators needed, or one fewer.
            uint256 bits = s.minValidators - x % 2;
            subnets.setStatus(netuid, 1, type(uint64).max, (1 << bits) - 1);
        } else {
            subnets.setActivity(netuid, INetworkEmission.Activity(kind < 4 ? 0 : kind - 3));
        }
        ++successes[msg.sig];
    }

    /// @notice The timelock changes the settings (within their bounds, or outside one of them), or another account
    /// tries to.
    function setSettings(uint256 seed, uint256 lengthSeed, uint256 rateSeed, uint256 capSeed) external {
        INetworkEmission.EmissionSettings memory s = INetworkEmission.EmissionSettings({
            periodLength: uint32(_bound(lengthSeed, 1 hours, 10 days)),
            rateBps: uint16(_bound(rateSeed, 1, 1000)),
            capBps: uint16(_bound(capSeed, 500, BPS)),
            graceBlocks: uint32(_bound(seed >> 8, 0, 1_000_000)),
            minValidators: uint16(seed % 16 == 0 ? 64 : 1 + (seed >> 4) % 4)
        });
        uint256 mode = (seed >> 40) % 16;
        if (mode == 1) s.periodLength = lengthSeed % 2 == 0 ? 1 hours - 1 : 90 days + 1;
        else if (mode == 2) s.rateBps = uint16(rateSeed % 2 == 0 ? 0 : 1001);
        else if (mode == 3) s.capBps = uint16(capSeed % 2 == 0 ? 499 : BPS + 1);
        else if (mode == 4) s.graceBlocks = 1_000_001;
        else if (mode == 5) s.minValidators = uint16(seed % 2 == 0 ? 0 : 65);
        address caller = mode == 6 ? _anyone(seed) : timelock;
        bytes memory refusal = EmissionRules.settingsRefusal(caller, timelock, s);
        (uint256 period,,) = clockNow();
        uint256 balance = _held();
        vm.prank(caller);
        try emission.setSettings(s) {
            if (refusal.length != 0) return _surprise("setSettings accepted what it should refuse");
        } catch (bytes memory err) {
            if (refusal.length == 0) return _surprise("setSettings refused what it should accept");
            if (keccak256(err) != keccak256(refusal)) _surprise("setSettings refused for another reason");
            return;
        }
        _opened(period, balance);
        _clock = _clockAt();
        (_clock.queued, _clock.queuedFrom) = (s, period + 1);
        (, INetworkEmission.EmissionSettings memory queued, uint256 from) = emission.settings();
        if (from != period + 1 || keccak256(abi.encode(queued)) != keccak256(abi.encode(s))) {
            _surprise("settings queued other than set");
        }
        ++successes[msg.sig];
    }

    // ------------------------------------------------------------ the model

    function voterAt(uint256 seed) public pure returns (address) {
        return address(uint160(0xE000 + seed % VOTERS));
    }

    /// @notice The period now, its start, and the settings in force, as the model expects them.
    function clockNow() public view returns (uint256 period, uint256 start, INetworkEmission.EmissionSettings memory) {
        Clock memory c = _clockAt();
        uint256 elapsed = (block.timestamp - c.start) / c.current.periodLength;
        return (c.index + elapsed, c.start + elapsed * c.current.periodLength, c.current);
    }

    /// @notice The settings queued and the period they apply from (0: none), as the model expects them.
    function queuedNow() external view returns (INetworkEmission.EmissionSettings memory, uint256) {
        Clock memory c = _clockAt();
        return (c.queued, c.queuedFrom);
    }

    /// @notice `voter`'s ballot as the model expects it: its power, and the period it was recorded in with its start.
    function recorded(address voter) external view returns (uint256 power, uint256 period, uint256 start) {
        Ghost storage g = _ghosts[voter];
        return (g.power, g.period, g.start);
    }

    /// @notice Subnet `netuid`'s weight in period `period` (the current one or later), summed over the voters.
    function weightIn(uint256 netuid, uint256 period) public view returns (uint256 sum) {
        if (netuid == 0 || netuid > SUBNETS) return 0;
        for (uint256 v; v < VOTERS; ++v) {
            Ghost storage g = _ghosts[voterAt(v)];
            sum += g.rolled < period ? g.next[netuid] : g.current[netuid];
        }
    }

    /// @notice All subnets' weight in period `period`, summed over the voters' contributions.
    function totalIn(uint256 period) public view returns (uint256 sum) {
        for (uint256 n = 1; n <= SUBNETS; ++n) {
            sum += weightIn(n, period);
        }
    }

    /// @notice Subnet `netuid`'s share of `released` in period `period`, by the voters' contributions: pro rata,
    /// rounded down, at most `capBps` of the release.
    function expectedShare(uint256 netuid, uint256 period, uint256 released, uint256 capBps)
        public
        view
        returns (uint256)
    {
        uint256 weight = weightIn(netuid, period);
        if (weight == 0) return 0;
        return Math.min(Math.mulDiv(released, weight, totalIn(period)), released * capBps / BPS);
    }

    /// @notice Whether subnet `netuid` is active under settings `s`, else why not, from what the subnets report.
    function activityOf(uint256 netuid, INetworkEmission.EmissionSettings memory s)
        public
        view
        returns (INetworkEmission.Activity)
    {
        (, uint64 epochNumber, uint64 nextEpochBlock, uint256 validators) = subnets.emissionStatus(netuid);
        if (epochNumber == 0) return INetworkEmission.Activity.NoEpoch;
        if (block.number > nextEpochBlock + uint256(s.graceBlocks)) return INetworkEmission.Activity.Overdue;
        uint256 found;
        for (; validators != 0 && found < s.minValidators; validators >>= 1) {
            found += validators & 1;
        }
        return found < s.minValidators ? INetworkEmission.Activity.TooFewValidators : INetworkEmission.Activity.Active;
    }

    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](11);
        selectors[0] = this.vote.selector;
        selectors[1] = this.borrowAndVote.selector;
        selectors[2] = this.refresh.selector;
        selectors[3] = this.distribute.selector;
        selectors[4] = this.distributeAll.selector;
        selectors[5] = this.delegate.selector;
        selectors[6] = this.transfer.selector;
        selectors[7] = this.sendToEmission.selector;
        selectors[8] = this.warp.selector;
        selectors[9] = this.setActivity.selector;
        selectors[10] = this.setSettings.selector;
    }

    // ------------------------------------------------------------ internal

    function _vote(address voter, uint256[] memory netuids, uint16[] memory bps) private {
        (uint256 period, uint256 start,) = clockNow();
        (address foreignToken,,,) = subnets.emissionStatus(FOREIGN);
        bytes memory refusal = EmissionRules.voteRefusal(voter, _power(voter, start), foreignToken, netuids, bps);
        uint256 balance = _held();
        vm.prank(voter);
        try emission.vote(netuids, bps) {
            if (refusal.length != 0) return _surprise("vote accepted what it should refuse");
        } catch (bytes memory err) {
            if (refusal.length == 0) return _surprise("vote refused what it should accept");
            if (keccak256(err) != keccak256(refusal)) _surprise("vote refused for another reason");
            return;
        }
        _opened(period, balance);
        uint16[7] memory byNetuid;
        for (uint256 i; i < netuids.length; ++i) {
            byNetuid[netuids[i]] = bps[i];
        }
        _record(voter, period, start, _power(voter, start), byNetuid);
        _checkBallot(voter);
        ++successes[msg.sig];
    }

    function _distribute(uint256[] memory netuids, address caller) private {
        (uint256 period,, INetworkEmission.EmissionSettings memory s) = clockNow();
        uint256 released = _releaseNow(period, s);
        uint256 balance = _held();
        (bytes memory refusal, uint256[] memory expected) = _distributeOutcome(netuids, period, released, s);
        uint256[] memory funded = new uint256[](netuids.length);
        for (uint256 i; i < netuids.length; ++i) {
            funded[i] = subnets.funded(netuids[i]);
        }
        vm.prank(caller);
        try emission.distribute(netuids) returns (uint256[] memory amounts) {
            if (refusal.length != 0) return _surprise("distribute accepted what it should refuse");
            if (keccak256(abi.encode(amounts)) != keccak256(abi.encode(expected))) {
                return _surprise("distribute paid other than the shares");
            }
        } catch (bytes memory err) {
            if (refusal.length == 0) return _surprise("distribute refused what it should accept");
            if (keccak256(err) != keccak256(refusal)) _surprise("distribute refused for another reason");
            return;
        }
        _opened(period, balance);
        uint256 sum;
        for (uint256 i; i < netuids.length; ++i) {
            uint256 netuid = netuids[i];
            if (subnets.funded(netuid) - funded[i] != expected[i]) {
                return _surprise("a pool received other than its share");
            }
            distributedTo[period][netuid] = expected[i];
            sum += expected[i];
        }
        if (balance - _held() != sum) return _surprise("the emission paid other than the shares");
        distributedIn[period] += sum;
        totalDistributed += sum;
        ++successes[msg.sig];
    }

    /// @dev Why `distribute(netuids)` must be refused now (the revert data), or else what each subnet receives: in
    /// the order the emission checks, a subnet already paid this period (earlier in the batch included), a subnet
    /// without a share, an inactive one.
    function _distributeOutcome(
        uint256[] memory netuids,
        uint256 period,
        uint256 released,
        INetworkEmission.EmissionSettings memory s
    ) private view returns (bytes memory, uint256[] memory amounts) {
        amounts = new uint256[](netuids.length);
        for (uint256 i; i < netuids.length; ++i) {
            uint256 netuid = netuids[i];
            bool repeated = distributedTo[period][netuid] != 0;
            for (uint256 j; j < i; ++j) {
                repeated = repeated || netuids[j] == netuid;
            }
            if (repeated) {
                bytes4 already = INetworkEmission.EmissionAlreadyDistributed.selector;
                return (abi.encodeWithSelector(already, netuid, period), amounts);
            }
            amounts[i] = expectedShare(netuid, period, released, s.capBps);
            if (amounts[i] == 0) {
                return (abi.encodeWithSelector(INetworkEmission.EmissionNoShare.selector, netuid, period), amounts);
            }
            INetworkEmission.Activity activity = activityOf(netuid, s);
            if (activity != INetworkEmission.Activity.Active) {
                bytes4 inactive = INetworkEmission.EmissionSubnetInactive.selector;
                return (abi.encodeWithSelector(inactive, netuid, activity), amounts);
            }
        }
        return ("", amounts);
    }

    /// @dev After a successful call in `period`, made when the emission held `balance`: the first one of the period
    /// opened it with that balance.
    function _opened(uint256 period, uint256 balance) private {
        if (period == opened.period) return;
        (,, INetworkEmission.EmissionSettings memory s) = clockNow();
        previous = opened;
        opened = Opening(period, balance, balance * s.rateBps / BPS, sent);
    }

    /// @dev `voter`'s ballot recorded in `period` (started at `start`) with `power` and `bps`: its contributions
    /// from the next period on, the ones in force in `period` kept as they were.
    function _record(address voter, uint256 period, uint256 start, uint256 power, uint16[7] memory bps) private {
        Ghost storage g = _ghosts[voter];
        if (g.rolled < period) {
            g.current = g.next;
            g.rolled = period;
        }
        (g.power, g.period, g.start) = (power, period, start);
        g.bps = bps;
        for (uint256 n = 1; n <= SUBNETS; ++n) {
            g.next[n] = power * bps[n] / BPS;
        }
    }

    /// @dev The emission's ballot of `voter` is the model's.
    function _checkBallot(address voter) private {
        (uint256 power, uint256 period, uint256[] memory netuids, uint16[] memory bps) = emission.ballotOf(voter);
        Ghost storage g = _ghosts[voter];
        if (power != g.power || period != g.period || netuids.length != _count(g)) {
            return _surprise("ballot other than recorded");
        }
        for (uint256 i; i < netuids.length; ++i) {
            if (netuids[i] > SUBNETS || bps[i] != g.bps[netuids[i]]) return _surprise("ballot other than recorded");
        }
    }

    function _count(Ghost storage g) private view returns (uint256 count) {
        for (uint256 n = 1; n <= SUBNETS; ++n) {
            if (g.bps[n] != 0) ++count;
        }
    }

    /// @dev The clock with queued settings applied once their period has begun.
    function _clockAt() private view returns (Clock memory c) {
        c = _clock;
        if (c.queuedFrom == 0) return c;
        uint256 fromStart = c.start + (c.queuedFrom - c.index) * c.current.periodLength;
        if (block.timestamp >= fromStart) {
            (c.start, c.index, c.queuedFrom, c.current) = (fromStart, c.queuedFrom, 0, c.queued);
        }
    }

    function _releaseNow(uint256 period, INetworkEmission.EmissionSettings memory s) private view returns (uint256) {
        return period == opened.period ? opened.release : _held() * s.rateBps / BPS;
    }

    /// @dev Voting power as the rules define it: the votes just before the period's start, capped by the votes now.
    function _power(address voter, uint256 start) private view returns (uint256) {
        return Math.min(token.getPastVotes(voter, start - 1), token.getVotes(voter));
    }

    function _held() private view returns (uint256) {
        return token.balanceOf(address(emission));
    }

    function _anyone(uint256 seed) private pure returns (address) {
        return address(uint160(0xCA11 + seed % 3));
    }
}
