// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {Handler} from "../utils/Handler.sol";

import {IModelRegistry} from "../../contracts/interfaces/IModelRegistry.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {ModelId} from "../../contracts/types/ModelId.sol";

/// @notice Drives registration from a few accounts competing for a few slugs, by commitment and in one step, with
/// reveals, clears and time passing, and keeps its own model of every commitment. An outcome the model did not
/// expect is counted in {surprises}; so is any reveal whose slug was taken in one step after it was committed.
contract CommitmentHandler is Handler {
    uint256 private constant ACTORS = 4;
    uint256 private constant SLUGS = 6;
    uint256 private constant MIN_AGE = 1 minutes;
    uint256 private constant MAX_AGE = 1 days;

    struct Commitment {
        string slug;
        address owner;
        bytes32 secret;
        uint256 committedAt;
        bool pending;
    }

    ModelRegistry public immutable registry;

    Commitment[] private _commitments;
    mapping(bytes32 commitment => uint256 indexPlusOne) private _indexOf;
    uint256 public pending;
    uint256 public registrations;
    mapping(bytes32 slugHash => uint256 takenAt) private _takenAt;
    mapping(bytes32 slugHash => bool) private _takenInOneStep;

    mapping(bytes4 action => uint256) public successes;

    constructor(ModelRegistry registry_) {
        registry = registry_;
    }

    // ------------------------------------------------------------ actions

    function commit(uint256 actorSeed, uint256 slugSeed, uint256 secretSeed) external {
        address owner = _actor(actorSeed);
        string memory slug = _slug(slugSeed);
        bytes32 secret = bytes32(secretSeed % 3);
        bytes32 commitment = keccak256(abi.encode(slug, owner, secret));
        uint256 index = _indexOf[commitment];
        bool live = index != 0 && _commitments[index - 1].pending
            && block.timestamp <= _commitments[index - 1].committedAt + MAX_AGE;
        // Anyone may send a commitment: here a random account does, as a copier would.
        vm.prank(_actor(actorSeed >> 8));
        try registry.commitRegistration(commitment) {
            if (live) return _surprise("a live commitment was made again");
            if (index == 0) {
                _commitments.push(Commitment(slug, owner, secret, block.timestamp, true));
                _indexOf[commitment] = _commitments.length;
                ++pending;
            } else {
                Commitment storage c = _commitments[index - 1];
                if (!c.pending) ++pending;
                c.committedAt = block.timestamp;
                c.pending = true;
            }
            ++successes[this.commit.selector];
        } catch (bytes memory reason) {
            if (!live || bytes4(reason) != IModelRegistry.RegistryCommitmentExists.selector) {
                _surprise("a new commitment was refused");
            }
        }
    }

    function reveal(uint256 indexSeed) external {
        if (_commitments.length == 0) return;
        Commitment storage c = _commitments[indexSeed % _commitments.length];
        bytes32 slugHash = keccak256(bytes(c.slug));
        bool inWindow = c.pending && block.timestamp >= c.committedAt + MIN_AGE
            && block.timestamp <= c.committedAt + MAX_AGE;
        bool expected = inWindow && _takenAt[slugHash] == 0;
        vm.prank(c.owner);
        try registry.registerCommitted(c.slug, _card(c.slug), "MIT", c.secret) returns (ModelId model) {
            if (!expected) return _surprise("a reveal was accepted outside its rules");
            if (ModelId.unwrap(model) != ++registrations) return _surprise("a reveal returned a wrong id");
            _takenAt[slugHash] = block.timestamp;
            c.pending = false;
            --pending;
            ++successes[this.reveal.selector];
        } catch (bytes memory reason) {
            if (expected) return _surprise("a reveal was refused within its rules");
            // A slug taken in one step after the commitment was made: the reveal was overtaken.
            if (
                inWindow && bytes4(reason) == IModelRegistry.RegistrySlugTaken.selector && _takenInOneStep[slugHash]
                    && _takenAt[slugHash] > c.committedAt
            ) _surprise("a reveal was overtaken by a one-step registration");
        }
    }

    function registerInOneStep(uint256 actorSeed, uint256 slugSeed) external {
        string memory slug = _slug(slugSeed);
        bytes32 slugHash = keccak256(bytes(slug));
        bool expected = pending == 0 && _takenAt[slugHash] == 0;
        vm.prank(_actor(actorSeed));
        try registry.register(slug, _card(slug), "MIT") returns (ModelId model) {
            if (!expected) return _surprise("a one-step registration was accepted outside its rules");
            if (ModelId.unwrap(model) != ++registrations) return _surprise("register returned a wrong id");
            _takenAt[slugHash] = block.timestamp;
            _takenInOneStep[slugHash] = true;
            ++successes[this.registerInOneStep.selector];
        } catch (bytes memory reason) {
            if (expected) return _surprise("a one-step registration was refused within its rules");
            if (pending != 0 && bytes4(reason) != IModelRegistry.RegistryCommitmentsPending.selector) {
                _surprise("a one-step registration was refused for another reason while commitments were pending");
            }
        }
    }

    function clear(uint256 indexSeed) external {
        if (_commitments.length == 0) return;
        Commitment storage c = _commitments[indexSeed % _commitments.length];
        bytes32 commitment = keccak256(abi.encode(c.slug, c.owner, c.secret));
        bool expected = c.pending && block.timestamp > c.committedAt + MAX_AGE;
        try registry.clearCommitment(commitment) {
            if (!expected) return _surprise("a clear was accepted outside its rules");
            c.pending = false;
            --pending;
            ++successes[this.clear.selector];
        } catch {
            if (expected) _surprise("an expired commitment could not be cleared");
        }
    }

    function warp(uint256 seconds_) external {
        // Mostly short steps, now and then past a commitment's lifetime.
        uint256 step = seconds_ % 4 == 0 ? seconds_ % (2 days) : seconds_ % (10 minutes);
        vm.warp(block.timestamp + step);
    }

    // ------------------------------------------------------------ reading

    function commitmentCount() external view returns (uint256) {
        return _commitments.length;
    }

    /// @notice The commitment hash and the time the model holds for commitment `i` (0 when not pending).
    function commitmentAt(uint256 i) external view returns (bytes32 commitment, uint256 committedAt) {
        Commitment storage c = _commitments[i];
        return (keccak256(abi.encode(c.slug, c.owner, c.secret)), c.pending ? c.committedAt : 0);
    }

    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](5);
        selectors[0] = this.commit.selector;
        selectors[1] = this.reveal.selector;
        selectors[2] = this.registerInOneStep.selector;
        selectors[3] = this.clear.selector;
        selectors[4] = this.warp.selector;
    }

    // ------------------------------------------------------------ internal

    function _actor(uint256 seed) private pure returns (address) {
        return address(uint160(0xA000 + seed % ACTORS));
    }

    function _slug(uint256 seed) private pure returns (string memory) {
        return string.concat("model-", vm.toString(seed % SLUGS));
    }

    function _card(string memory slug) private pure returns (bytes memory) {
        return abi.encodePacked(uint16(0x1220), keccak256(bytes(slug)));
    }
}

/// @notice Invariants of registration by commitment next to one-step registration: no reveal is ever overtaken,
/// and the registry's count of pending commitments is exactly the commitments neither revealed nor cleared.
contract ModelRegistryCommitmentsInvariantTest is Test {
    ModelRegistry internal registry;
    CommitmentHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new ModelRegistry();
        handler = new CommitmentHandler(registry);
        targetContract(address(handler));
        targetSelector(address(handler), handler.actions());
    }

    /// @dev Every outcome matched the rules, and no reveal lost its slug to a one-step registration made after it.
    function invariant_noRevealIsOvertaken() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    function invariant_pendingCountsEveryCommitmentNeitherRevealedNorCleared() public view {
        assertEq(registry.pendingCommitments(), handler.pending());
    }

    function invariant_commitmentTimesMatch() public view {
        for (uint256 i; i < handler.commitmentCount(); ++i) {
            (bytes32 commitment, uint256 committedAt) = handler.commitmentAt(i);
            assertEq(registry.commitmentTime(commitment), committedAt);
        }
    }

    function invariant_modelCountIsEveryRegistration() public view {
        assertEq(registry.modelCount(), handler.registrations());
    }
}
