// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Handler} from "../utils/Handler.sol";
import {PromotionRules} from "./PromotionRules.sol";

import {IModelRegistry} from "../../contracts/interfaces/IModelRegistry.sol";
import {IPromotion} from "../../contracts/interfaces/IPromotion.sol";
import {MockPromotionSubnets} from "../../contracts/mocks/MockPromotionSubnets.sol";
import {Promotion} from "../../contracts/promotion/Promotion.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {ModelId} from "../../contracts/types/ModelId.sol";

/// @notice A token anyone may mint: the bounty tokens of the suites.
interface IMintable {
    function mint(address to, uint256 amount) external;
}

/// @notice The model {PromotionHandler} checks the promotion contract against: what each binding, subnet, UID,
/// declaration and promotion should be, what {promote} should do now ({expectation}), and what the invariants read.
abstract contract PromotionModel is Handler {
    /// @dev A binding as the model expects it, kept after it is revoked.
    struct BindingGhost {
        uint256 netuid;
        uint64 model;
        IERC20 token;
        uint128 bounty;
        uint16 minStreak;
        address subnetOwner;
        string prefix;
        /// Tokens the escrow received, credited to coldkeys, and returned to the owner on revocation.
        uint256 funded;
        uint256 credited;
        uint256 returned;
        bool live;
    }

    /// @dev A subnet as the model expects it: owner, model, completed epochs, last leader (as `Subnets` records it),
    /// the clock value at which the running epoch started, and its binding (0: none).
    struct SubnetGhost {
        address owner;
        uint64 model;
        uint64 epoch;
        bool leaderExists;
        uint16 leader;
        uint64 streak;
        uint64 leaderCandidateAt;
        uint64 epochStart;
        uint256 binding;
    }

    /// @dev A UID's keys generation and candidate (published at 0: none).
    struct NeuronGhost {
        uint8 generation;
        uint64 publishedAt;
        uint256 weights;
    }

    struct Declaration {
        uint64 model;
        uint64 index;
        uint64 candidateAt;
    }

    /// @dev One promotion as the model expected it.
    struct Record {
        uint64 model;
        uint64 index;
        uint256 netuid;
        uint16 uid;
        address hotkey;
        address coldkey;
        uint64 epoch;
        bytes weightsCid;
        string tag;
        IModelRegistry.VersionRef parent;
        uint256 binding;
    }

    /// @dev What {promote} should do now.
    struct Expectation {
        IPromotion.Status status;
        bytes error;
        uint16 uid;
        bytes weightsCid;
        string tag;
        IModelRegistry.VersionRef parent;
        bool declared;
        uint256 bounty;
    }

    uint256 public constant NETS = 3;
    uint256 public constant UIDS = 4;
    uint256 public constant COLDKEYS = 3;
    uint256 public constant FUNDERS = 3;
    uint256 internal constant FUNDS = 1e36;

    ModelRegistry public immutable registry;
    Promotion public immutable promotion;
    MockPromotionSubnets public immutable subnets;
    address public immutable owner;
    ModelId public immutable modelA;
    ModelId public immutable modelB;
    IERC20 public immutable token0;
    IERC20 public immutable token1;
    address public constant SUBNET_OWNER = address(0x5B01);
    address public constant NEXT_SUBNET_OWNER = address(0x5B02);
    address public constant STRANGER = address(0xBAD);
    address public constant RECIPIENT = address(0x2EC1);

    /// @notice A token's flows: what the escrows received, what revocations returned, what claims paid.
    struct Flows {
        uint256 received;
        uint256 returned;
        uint256 claimed;
    }

    /// @notice Per token, its {Flows}.
    mapping(IERC20 token => Flows) public flows;
    /// @notice Per coldkey and token: credited bounties not yet claimed, by the model's count.
    mapping(address coldkey => mapping(IERC20 token => uint256)) public unclaimed;
    /// @notice Promotions refused only because another version of the model has the tag already (see the test
    /// `test_check_notReadyWhenTheTagIsTaken`): {check} says TagTaken, and the registry refuses the tag.
    uint256 public tagTaken;
    /// @notice Successful calls per action.
    mapping(bytes4 action => uint256) public successes;

    uint256 public bindingCount;
    mapping(uint256 id => BindingGhost) internal _bindings;
    mapping(uint256 netuid => SubnetGhost) internal _subnets;
    mapping(uint256 netuid => mapping(uint256 uid => NeuronGhost)) internal _neurons;
    mapping(uint256 netuid => mapping(uint256 uid => Declaration)) internal _declarations;
    mapping(uint64 model => mapping(bytes32 weights => uint64 indexPlusOne)) internal _promotedAs;
    mapping(uint64 model => bool) internal _publisher;
    Record[] internal _records;
    uint64 internal _clock;
    uint256 internal _manualVersions;

    constructor(
        ModelRegistry registry_,
        Promotion promotion_,
        MockPromotionSubnets subnets_,
        ModelId modelA_,
        ModelId modelB_,
        IERC20 token0_,
        IERC20 token1_
    ) {
        (registry, promotion, subnets) = (registry_, promotion_, subnets_);
        (modelA, modelB, token0, token1) = (modelA_, modelB_, token0_, token1_);
        owner = registry_.ownerOf(ModelId.unwrap(modelA_));
        _publisher[uint64(ModelId.unwrap(modelA_))] = registry_.canPublish(modelA_, address(promotion_));
        _publisher[uint64(ModelId.unwrap(modelB_))] = registry_.canPublish(modelB_, address(promotion_));
        for (uint256 n = 1; n <= NETS; ++n) {
            ModelId model = n == NETS ? modelB_ : modelA_;
            subnets_.create(n, SUBNET_OWNER, model);
            (_subnets[n].owner, _subnets[n].model) = (SUBNET_OWNER, uint64(ModelId.unwrap(model)));
            for (uint256 uid; uid < UIDS; ++uid) {
                subnets_.setNeuron(n, uint16(uid), hotkeyOf(n, uid, 0), coldkeyAt(uid));
            }
        }
        for (uint256 f; f < FUNDERS; ++f) {
            address funder = funderAt(f);
            IMintable(address(token0_)).mint(funder, FUNDS);
            IMintable(address(token1_)).mint(funder, FUNDS);
            vm.startPrank(funder);
            token0_.approve(address(promotion_), type(uint256).max);
            token1_.approve(address(promotion_), type(uint256).max);
            vm.stopPrank();
        }
    }

    // ------------------------------------------------------------ the model

    /// @notice What {promote} of subnet `netuid` should do now, by the model: the checks in the order the contract
    /// documents them, each from the model's own state (the registry's deprecation flags and live versions read from
    /// the registry, which is not under test here).
    function expectation(uint256 netuid) public view returns (Expectation memory e) {
        SubnetGhost storage s = _subnets[netuid];
        if (s.binding == 0) {
            (e.status, e.error) =
                (IPromotion.Status.NotBound, abi.encodeWithSelector(IPromotion.PromotionNotBound.selector, netuid));
            return e;
        }
        BindingGhost storage b = _bindings[s.binding];
        e.uid = s.leader;
        NeuronGhost storage n = _neurons[netuid][s.leader];
        if (s.owner != b.subnetOwner) {
            e.status = IPromotion.Status.SubnetOwnerChanged;
            e.error =
                abi.encodeWithSelector(IPromotion.PromotionSubnetOwnerChanged.selector, netuid, b.subnetOwner, s.owner);
        } else if (!s.leaderExists) {
            e.status = IPromotion.Status.NoLeader;
            e.error = abi.encodeWithSelector(IPromotion.PromotionNoLeader.selector, netuid);
        } else if (n.publishedAt == 0) {
            e.status = IPromotion.Status.NoCandidate;
            e.error = abi.encodeWithSelector(IPromotion.PromotionNoCandidate.selector, netuid, s.leader);
        } else if (n.publishedAt != s.leaderCandidateAt) {
            e.status = IPromotion.Status.CandidateChanged;
            e.error = abi.encodeWithSelector(
                IPromotion.PromotionCandidateChanged.selector, netuid, s.leader, s.leaderCandidateAt, n.publishedAt
            );
        } else if (s.streak < b.minStreak) {
            e.status = IPromotion.Status.StreakTooShort;
            e.error = abi.encodeWithSelector(
                IPromotion.PromotionStreakTooShort.selector, netuid, s.leader, s.streak, b.minStreak
            );
        } else {
            e.weightsCid = PromotionRules.cid(n.weights);
            e.tag = string.concat(b.prefix, PromotionRules.decimal(s.epoch));
            uint64 promotedAs = _promotedAs[b.model][keccak256(e.weightsCid)];
            if (promotedAs != 0) {
                e.status = IPromotion.Status.AlreadyPromoted;
                e.error = abi.encodeWithSelector(IPromotion.PromotionAlreadyPromoted.selector, b.model, e.weightsCid);
                return e;
            }
            Declaration storage d = _declarations[netuid][s.leader];
            if (d.model != 0 && d.candidateAt == n.publishedAt) {
                (e.parent, e.declared) = (IModelRegistry.VersionRef(ModelId.wrap(d.model), d.index), true);
                if (registry.getVersion(e.parent.model, d.index).deprecated) {
                    e.status = IPromotion.Status.ParentDeprecated;
                    e.error = abi.encodeWithSelector(IPromotion.PromotionParentDeprecated.selector, d.model, d.index);
                    return e;
                }
            } else {
                e.parent = _latestLive(b.model);
            }
            // The registry's own checks of the publish come last.
            if (!_publisher[b.model]) {
                e.status = IPromotion.Status.NotPublisher;
                e.error =
                    abi.encodeWithSelector(IModelRegistry.RegistryNotPublisher.selector, b.model, address(promotion));
                return e;
            }
            e.error = _tagTaken(b.model, e.tag);
            if (e.error.length != 0) {
                e.status = IPromotion.Status.TagTaken;
                return e;
            }
            uint256 escrow = b.funded - b.credited;
            e.bounty = b.bounty < escrow ? b.bounty : escrow;
        }
    }

    // ------------------------------------------------------------ for the invariants

    function recordCount() external view returns (uint256) {
        return _records.length;
    }

    function recordAt(uint256 i) external view returns (Record memory) {
        return _records[i];
    }

    function bindingAt(uint256 id) external view returns (BindingGhost memory) {
        return _bindings[id];
    }

    function bindingOfNet(uint256 netuid) external view returns (uint256) {
        return _subnets[netuid].binding;
    }

    function netOf(uint256 seed) public pure returns (uint256) {
        return 1 + seed % NETS;
    }

    /// @notice The hotkey of generation `generation` at UID `uid` of subnet `netuid`.
    function hotkeyOf(uint256 netuid, uint256 uid, uint256 generation) public pure returns (address) {
        return address(uint160(0xA00000 + (netuid << 16) + (uid << 8) + generation));
    }

    function coldkeyAt(uint256 seed) public pure returns (address) {
        return address(uint160(0xC0000 + seed % COLDKEYS));
    }

    function coldkeyOf(uint256 netuid, uint256 uid) public view returns (address) {
        return coldkeyAt(uid + _neurons[netuid][uid].generation);
    }

    function funderAt(uint256 seed) public pure returns (address) {
        return address(uint160(0xF0000 + seed % FUNDERS));
    }

    // ------------------------------------------------------------ internal

    /// @dev Whether an outcome is the expected one (`expected` empty: success), counting it as a surprise if not.
    function _asExpected(bool ok, bytes memory ret, bytes memory expected, string memory what)
        internal
        returns (bool succeeded)
    {
        if (ok && expected.length != 0) {
            _surprise(string.concat(what, " succeeded where it should have been refused"));
        } else if (!ok && expected.length == 0) {
            _surprise(string.concat(what, " refused where it should have succeeded"));
        } else if (!ok && keccak256(ret) != keccak256(expected)) {
            _surprise(string.concat(what, " refused with another error"));
        }
        return ok && expected.length == 0;
    }

    /// @dev Whether a Ready {check} of subnet `netuid` names what the model expects.
    function _checkAgrees(uint256 netuid, IPromotion.Check memory c, Expectation memory e) internal view returns (bool) {
        SubnetGhost storage s = _subnets[netuid];
        bool same = c.uid == e.uid && c.epoch == s.epoch && c.streak == s.streak
            && c.hotkey == hotkeyOf(netuid, e.uid, _neurons[netuid][e.uid].generation)
            && c.coldkey == coldkeyOf(netuid, e.uid);
        return same && keccak256(c.weightsCid) == keccak256(e.weightsCid)
            && keccak256(bytes(c.tag)) == keccak256(bytes(e.tag)) && c.bounty == e.bounty
            && c.parentDeclared == e.declared && ModelId.unwrap(c.parent.model) == ModelId.unwrap(e.parent.model)
            && c.parent.index == e.parent.index;
    }

    /// @dev Why {bind} should refuse, in the order it checks (empty: it should not).
    function _bindRefusal(uint256 netuid, address caller, IPromotion.BindingParams memory params)
        internal
        view
        returns (bytes memory)
    {
        SubnetGhost storage s = _subnets[netuid];
        uint64 model = uint64(ModelId.unwrap(params.model));
        uint16 max = promotion.MAX_STREAK();
        if (caller != owner) return abi.encodeWithSelector(IPromotion.PromotionNotModelOwner.selector, model, caller);
        if (s.binding != 0) {
            return abi.encodeWithSelector(IPromotion.PromotionAlreadyBound.selector, netuid, _bindings[s.binding].model);
        }
        if (model != s.model) {
            return abi.encodeWithSelector(IPromotion.PromotionModelMismatch.selector, netuid, s.model, model);
        }
        if (!_publisher[model]) return abi.encodeWithSelector(IPromotion.PromotionNotPublisher.selector, model);
        if (params.minStreak == 0 || params.minStreak > max) {
            return abi.encodeWithSelector(IPromotion.PromotionInvalidStreak.selector, params.minStreak, max);
        }
        if (params.bounty != 0 && address(params.bountyToken) == address(0)) {
            return abi.encodeWithSelector(IPromotion.PromotionNoBountyToken.selector);
        }
        if (!PromotionRules.prefixValid(params.tagPrefix)) {
            return abi.encodeWithSelector(IPromotion.PromotionInvalidTagPrefix.selector, params.tagPrefix);
        }
        return "";
    }

    /// @dev The parent a declaration names: none (one time in eight), a version that does not exist (one time in
    /// eight, or when the model has none), else an existing version of either model.
    function _parentChoice(uint256 parentSeed)
        internal
        view
        returns (IModelRegistry.VersionRef memory parent, bool exists)
    {
        uint256 mode = parentSeed % 8;
        if (mode == 0) return (parent, true);
        parent.model = (parentSeed >> 3) % 2 == 0 ? modelA : modelB;
        uint64 count = registry.getModel(parent.model).versionCount;
        exists = mode != 1 && count != 0;
        parent.index = exists ? uint64((parentSeed >> 8) % count) : count + uint64((parentSeed >> 8) % 3);
    }

    /// @dev The registry's refusal of `tag` for `model` if another version has it, else nothing.
    function _tagTaken(uint64 model, string memory tag) internal view returns (bytes memory) {
        try registry.getVersionByTag(ModelId.wrap(model), tag) returns (IModelRegistry.VersionInfo memory v) {
            return abi.encodeWithSelector(IModelRegistry.RegistryTagTaken.selector, model, tag, v.index);
        } catch {
            return "";
        }
    }

    /// @dev The model's latest live version, or none.
    function _latestLive(uint64 model) internal view returns (IModelRegistry.VersionRef memory ref) {
        for (uint64 i = registry.getModel(ModelId.wrap(model)).versionCount; i > 0; --i) {
            if (!registry.getVersion(ModelId.wrap(model), i - 1).deprecated) {
                return IModelRegistry.VersionRef(ModelId.wrap(model), i - 1);
            }
        }
    }

    function _otherModel(uint64 model) internal view returns (uint64) {
        return model == uint64(ModelId.unwrap(modelA)) ? uint64(ModelId.unwrap(modelB)) : uint64(ModelId.unwrap(modelA));
    }
}
