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

/// @notice Drives one promotion contract over a real registry and a test double of the subnets: three subnets (1 and
/// 2 record model A, 3 records model B) of four UIDs each, whose UIDs publish candidates from six weights, get
/// replaced, and declare parents; epochs complete with leaders chosen at random and streaks kept by the epoch's rule;
/// subnets change hands; the model's owner binds (with every kind of bad parameter too), revokes, publishes versions
/// by hand, deprecates and restores them, and withdraws and restores the promotion's right to publish; funders fund
/// the escrows; anyone promotes; coldkeys claim. Every action is made whether or not it should succeed, and its
/// outcome, down to the revert data, is checked against a model kept here; an outcome other than the model's is
/// counted in {surprises}.
contract PromotionHandler is Handler {
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
    uint256 private constant FUNDS = 1e36;

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

    /// @notice Per token: what the escrows received, what revocations returned, what claims paid.
    mapping(IERC20 token => uint256) public received;
    mapping(IERC20 token => uint256) public returned;
    mapping(IERC20 token => uint256) public claimed;
    /// @notice Per coldkey and token: credited bounties not yet claimed, by the model's count.
    mapping(address coldkey => mapping(IERC20 token => uint256)) public unclaimed;
    /// @notice Promotions refused only because another version of the model has the tag already (see the test
    /// `test_check_tagTaken`): {check} says Ready, the registry refuses the tag.
    uint256 public tagTaken;
    /// @notice Successful calls per action.
    mapping(bytes4 action => uint256) public successes;

    uint256 public bindingCount;
    mapping(uint256 id => BindingGhost) private _bindings;
    mapping(uint256 netuid => SubnetGhost) private _subnets;
    mapping(uint256 netuid => mapping(uint256 uid => NeuronGhost)) private _neurons;
    mapping(uint256 netuid => mapping(uint256 uid => Declaration)) private _declarations;
    mapping(uint64 model => mapping(bytes32 weights => uint64 indexPlusOne)) private _promotedAs;
    mapping(uint64 model => bool) private _publisher;
    Record[] private _records;
    uint64 private _clock;
    uint256 private _manualVersions;

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

    /// @notice The actions the invariant runner calls.
    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](12);
        selectors[0] = this.bind.selector;
        selectors[1] = this.fund.selector;
        selectors[2] = this.revoke.selector;
        selectors[3] = this.declareParent.selector;
        selectors[4] = this.publishCandidate.selector;
        selectors[5] = this.completeEpochs.selector;
        selectors[6] = this.transferSubnet.selector;
        selectors[7] = this.togglePublisher.selector;
        selectors[8] = this.toggleDeprecated.selector;
        selectors[9] = this.publishByHand.selector;
        selectors[10] = this.promote.selector;
        selectors[11] = this.claimBounty.selector;
    }

    // ------------------------------------------------------------ the model's owner

    /// @notice Someone binds a subnet: mostly the model's owner with valid parameters, else each kind of bad one.
    function bind(uint256 netuidSeed, uint256 modeSeed, uint256 bountySeed, uint256 prefixSeed) external {
        uint256 netuid = netOf(netuidSeed);
        address caller = modeSeed % 8 == 0 ? STRANGER : owner;
        IPromotion.BindingParams memory params = _bindingParams(netuid, modeSeed, bountySeed, prefixSeed);
        bytes memory expected = _bindRefusal(netuid, caller, params);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(promotion).call(abi.encodeCall(promotion.bind, (netuid, params)));
        if (!_asExpected(ok, ret, expected, "bind")) return;
        _recordBinding(netuid, params);
        ++successes[msg.sig];
    }

    /// @notice Someone revokes a binding: the model's owner, or one time in eight a stranger.
    function revoke(uint256 netuidSeed, uint256 callerSeed) external {
        uint256 netuid = netOf(netuidSeed);
        uint256 id = _subnets[netuid].binding;
        address caller = callerSeed % 8 == 0 ? STRANGER : owner;
        bytes memory expected;
        if (id == 0) {
            expected = abi.encodeWithSelector(IPromotion.PromotionNotBound.selector, netuid);
        } else if (caller != owner) {
            expected = abi.encodeWithSelector(IPromotion.PromotionNotModelOwner.selector, _bindings[id].model, caller);
        }
        BindingGhost storage b = _bindings[id];
        uint256 escrow = b.funded - b.credited;
        uint256 before = address(b.token) == address(0) ? 0 : b.token.balanceOf(address(promotion));
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(promotion).call(abi.encodeCall(promotion.revoke, (netuid)));
        if (!_asExpected(ok, ret, expected, "revoke")) return;

        if (escrow != 0 && before - b.token.balanceOf(address(promotion)) != escrow) {
            _surprise("revoke returned another escrow");
        }
        (b.returned, b.live) = (escrow, false);
        if (address(b.token) != address(0)) returned[b.token] += escrow;
        _subnets[netuid].binding = 0;
        if (ModelId.unwrap(promotion.bindingOf(netuid).model) != 0) _surprise("revoked binding remains");
        ++successes[msg.sig];
    }

    /// @notice The model's owner publishes a version by hand, with weights a candidate may also have.
    function publishByHand(uint256 modelSeed, uint256 weightsSeed) external {
        ModelId model = modelSeed % 2 == 0 ? modelA : modelB;
        string memory tag = string.concat("m", PromotionRules.decimal(++_manualVersions));
        IModelRegistry.PublishParams memory params;
        params.weightsCid = PromotionRules.cid(weightsSeed);
        params.tag = tag;
        vm.prank(owner);
        registry.publish(model, params);
        ++successes[msg.sig];
    }

    /// @notice The model's owner deprecates a version, or restores a deprecated one.
    function toggleDeprecated(uint256 modelSeed, uint256 indexSeed) external {
        ModelId model = modelSeed % 2 == 0 ? modelA : modelB;
        uint64 count = registry.getModel(model).versionCount;
        if (count == 0) return;
        uint64 index = uint64(indexSeed % count);
        vm.startPrank(owner);
        if (registry.getVersion(model, index).deprecated) registry.undeprecate(model, index);
        else registry.deprecate(model, index, "superseded");
        vm.stopPrank();
        ++successes[msg.sig];
    }

    /// @notice The model's owner restores the promotion's right to publish, or now and then withdraws it.
    function togglePublisher(uint256 modelSeed) external {
        uint64 model = uint64(ModelId.unwrap(modelSeed % 2 == 0 ? modelA : modelB));
        bool allowed = !_publisher[model];
        if (!allowed && (modelSeed >> 1) % 3 != 0) return;
        vm.prank(owner);
        registry.setPublisher(ModelId.wrap(model), address(promotion), allowed);
        _publisher[model] = allowed;
        ++successes[msg.sig];
    }

    // ------------------------------------------------------------ funders, miners, subnets

    /// @notice A funder adds to a binding's escrow (one time in eight nothing).
    function fund(uint256 netuidSeed, uint256 funderSeed, uint256 amountSeed) external {
        uint256 netuid = netOf(netuidSeed);
        uint256 id = _subnets[netuid].binding;
        uint256 amount = amountSeed % 8 == 0 ? 0 : _bound(amountSeed, 1, 1e24);
        BindingGhost storage b = _bindings[id];
        bytes memory expected;
        if (id == 0) expected = abi.encodeWithSelector(IPromotion.PromotionNotBound.selector, netuid);
        else if (amount == 0) expected = abi.encodeWithSelector(IPromotion.PromotionZeroAmount.selector);
        else if (address(b.token) == address(0)) {
            expected = abi.encodeWithSelector(IPromotion.PromotionNoBountyToken.selector);
        }
        uint256 before = address(b.token) == address(0) ? 0 : b.token.balanceOf(address(promotion));
        vm.prank(funderAt(funderSeed));
        (bool ok, bytes memory ret) = address(promotion).call(abi.encodeCall(promotion.fund, (netuid, amount)));
        if (!_asExpected(ok, ret, expected, "fund")) return;

        uint256 got = abi.decode(ret, (uint256));
        if (got != b.token.balanceOf(address(promotion)) - before) _surprise("fund reported another amount");
        if (got > amount) _surprise("fund received more than sent");
        b.funded += got;
        received[b.token] += got;
        if (promotion.bindingOf(netuid).escrow != b.funded - b.credited) _surprise("escrow after fund");
        ++successes[msg.sig];
    }

    /// @notice A UID's hotkey (or, one time in eight, a hotkey that holds no UID) declares a parent: mostly an
    /// existing version of either model, else none (withdrawal) or one that does not exist.
    function declareParent(uint256 netuidSeed, uint256 uidSeed, uint256 parentSeed) external {
        uint256 netuid = netOf(netuidSeed);
        uint256 uid = uidSeed % UIDS;
        NeuronGhost storage n = _neurons[netuid][uid];
        bool stale = (uidSeed >> 8) % 8 == 0;
        // A replaced hotkey (generation - 1) or one that never registered (generation 255).
        address caller = hotkeyOf(netuid, uid, stale ? (n.generation == 0 ? 255 : n.generation - 1) : n.generation);
        (IModelRegistry.VersionRef memory parent, bool exists) = _parentChoice(parentSeed);

        bytes memory expected;
        if (stale) {
            expected = abi.encodeWithSelector(IPromotion.PromotionNotRegistered.selector, netuid, caller);
        } else if (n.publishedAt == 0) {
            expected = abi.encodeWithSelector(IPromotion.PromotionNoCandidate.selector, netuid, uid);
        } else if (!exists) {
            uint64 count = registry.getModel(parent.model).versionCount;
            expected = abi.encodeWithSelector(
                IModelRegistry.RegistryUnknownVersion.selector, parent.model, parent.index, count
            );
        }
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(promotion).call(abi.encodeCall(promotion.declareParent, (netuid, parent)));
        if (!_asExpected(ok, ret, expected, "declareParent")) return;

        uint64 model = uint64(ModelId.unwrap(parent.model));
        if (model == 0) delete _declarations[netuid][uid];
        else _declarations[netuid][uid] = Declaration(model, parent.index, n.publishedAt);
        (bool declared, IModelRegistry.VersionRef memory seen) = promotion.declaredParentOf(netuid, uid);
        if (declared != (model != 0) || ModelId.unwrap(seen.model) != model || seen.index != parent.index) {
            _surprise("declaredParentOf after a declaration");
        }
        ++successes[msg.sig];
    }

    /// @notice A UID publishes a candidate (one of six weights), withdraws it, or is replaced by a new hotkey (its
    /// candidate dropped, its coldkey perhaps another).
    function publishCandidate(uint256 netuidSeed, uint256 uidSeed, uint256 weightsSeed) external {
        uint256 netuid = netOf(netuidSeed);
        uint256 uid = uidSeed % UIDS;
        NeuronGhost storage n = _neurons[netuid][uid];
        uint256 mode = weightsSeed % 16;
        if (mode == 0) {
            // Generation 255 stays a hotkey that never registers.
            if (n.generation == 254) return;
            ++n.generation;
            subnets.setNeuron(netuid, uint16(uid), hotkeyOf(netuid, uid, n.generation), coldkeyAt(uid + n.generation));
            (n.publishedAt, n.weights) = (0, 0);
        } else if (mode == 1) {
            subnets.setCandidate(netuid, uid, "", 0);
            (n.publishedAt, n.weights) = (0, 0);
        } else {
            n.weights = (weightsSeed >> 4) % PromotionRules.WEIGHTS;
            n.publishedAt = ++_clock;
            subnets.setCandidate(netuid, uid, PromotionRules.cid(n.weights), n.publishedAt);
        }
        ++successes[msg.sig];
    }

    /// @notice One to three epochs of a subnet complete, each led by the same choice: nobody (one time in eight),
    /// the last leader if any (most often, so that streaks grow), or another UID. Streaks follow `Subnets`: a
    /// candidate counts from the first epoch that started after it was published; a new leader or candidate restarts.
    function completeEpochs(uint256 netuidSeed, uint256 leaderSeed, uint256 countSeed) external {
        uint256 netuid = netOf(netuidSeed);
        SubnetGhost storage s = _subnets[netuid];
        uint256 mode = leaderSeed % 8;
        bool exists = mode != 0;
        uint16 uid = mode <= 4 && s.leaderExists ? s.leader : uint16((leaderSeed >> 3) % UIDS);
        for (uint256 i = 1 + countSeed % 3; i > 0; --i) {
            _completeEpoch(netuid, exists, uid);
        }
        subnets.setLeader(netuid, s.epoch, s.leaderExists, s.leader, s.streak, s.leaderCandidateAt);
        ++successes[msg.sig];
    }

    /// @notice A subnet changes hands (between two owners): a binding made with the other owner stops promoting.
    function transferSubnet(uint256 netuidSeed) external {
        uint256 netuid = netOf(netuidSeed);
        SubnetGhost storage s = _subnets[netuid];
        s.owner = s.owner == SUBNET_OWNER ? NEXT_SUBNET_OWNER : SUBNET_OWNER;
        subnets.setOwner(netuid, s.owner);
        ++successes[msg.sig];
    }

    // ------------------------------------------------------------ anyone, coldkeys

    /// @notice Anyone promotes a subnet's leader, after reading {check}: the view must agree with the model, and the
    /// promotion must succeed when (and only when) the view says Ready, refused otherwise with the error of its status.
    function promote(uint256 netuidSeed, uint256 callerSeed) external {
        uint256 netuid = netOf(netuidSeed);
        Expectation memory e = expectation(netuid);
        IPromotion.Check memory c = promotion.check(netuid);
        if (c.status != e.status) return _surprise("check's status is not the model's");
        if (e.status == IPromotion.Status.Ready) {
            if (!_checkAgrees(netuid, c, e)) return _surprise("check's promotion is not the model's");
            // The one refusal {check} cannot see: the tag is taken by another version of the model.
            e.error = _tagTaken(_bindings[_subnets[netuid].binding].model, e.tag);
        }
        uint64 count = registry.getModel(ModelId.wrap(_subnets[netuid].model)).versionCount;

        vm.prank(callerSeed % 2 == 0 ? STRANGER : coldkeyAt(callerSeed));
        (bool ok, bytes memory ret) = address(promotion).call(abi.encodeCall(promotion.promote, (netuid)));
        if (e.status == IPromotion.Status.Ready && e.error.length != 0 && !ok) ++tagTaken;
        if (!_asExpected(ok, ret, e.error, "promote")) return;

        uint64 index = abi.decode(ret, (uint64));
        if (index != count) _surprise("promoted as another index");
        _recordPromotion(netuid, e, index);
        ++successes[msg.sig];
    }

    /// @notice A coldkey (or a stranger) claims its bounties in one token, to a recipient (one time in eight, to an
    /// address bounties cannot go to).
    function claimBounty(uint256 accountSeed, uint256 tokenSeed, uint256 toSeed) external {
        address account = accountSeed % 8 == 0 ? STRANGER : coldkeyAt(accountSeed);
        IERC20 token = tokenSeed % 2 == 0 ? token0 : token1;
        uint256 t = toSeed % 8;
        address to = t == 0 ? address(0) : t == 1 ? address(promotion) : t < 5 ? account : RECIPIENT;
        uint256 amount = unclaimed[account][token];
        bytes memory expected;
        if (t <= 1) expected = abi.encodeWithSelector(IPromotion.PromotionInvalidRecipient.selector, to);
        else if (amount == 0) {
            expected = abi.encodeWithSelector(IPromotion.PromotionNothingToClaim.selector, account, token);
        }
        uint256 before = token.balanceOf(address(promotion));
        vm.prank(account);
        (bool ok, bytes memory ret) = address(promotion).call(abi.encodeCall(promotion.claimBounty, (token, to)));
        if (!_asExpected(ok, ret, expected, "claimBounty")) return;

        if (abi.decode(ret, (uint256)) != amount) _surprise("claimed another amount");
        if (before - token.balanceOf(address(promotion)) != amount) _surprise("claim moved another amount");
        unclaimed[account][token] = 0;
        claimed[token] += amount;
        if (promotion.bountyOf(account, token) != 0) _surprise("bounty left after a claim");
        ++successes[msg.sig];
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
        } else if (!_publisher[b.model]) {
            e.status = IPromotion.Status.NotPublisher;
            e.error = abi.encodeWithSelector(IPromotion.PromotionNotPublisher.selector, b.model);
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
                e.error = abi.encodeWithSelector(IPromotion.PromotionAlreadyPromoted.selector, b.model, promotedAs - 1);
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

    // ------------------------------------------------------------ private

    /// @dev Whether an outcome is the expected one (`expected` empty: success), counting it as a surprise if not.
    function _asExpected(bool ok, bytes memory ret, bytes memory expected, string memory what)
        private
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
    function _checkAgrees(uint256 netuid, IPromotion.Check memory c, Expectation memory e) private view returns (bool) {
        SubnetGhost storage s = _subnets[netuid];
        bool same = c.uid == e.uid && c.epoch == s.epoch && c.streak == s.streak
            && c.hotkey == hotkeyOf(netuid, e.uid, _neurons[netuid][e.uid].generation)
            && c.coldkey == coldkeyOf(netuid, e.uid);
        return same && keccak256(c.weightsCid) == keccak256(e.weightsCid)
            && keccak256(bytes(c.tag)) == keccak256(bytes(e.tag)) && c.bounty == e.bounty
            && c.parentDeclared == e.declared && ModelId.unwrap(c.parent.model) == ModelId.unwrap(e.parent.model)
            && c.parent.index == e.parent.index;
    }

    /// @dev The parameters of a binding: the subnet's model (one time in eight the other), a minimum streak of 1 to
    /// 3 (one time in eight 0 or past the maximum), a bounty token (one time in four none) and bounty, a prefix.
    function _bindingParams(uint256 netuid, uint256 modeSeed, uint256 bountySeed, uint256 prefixSeed)
        private
        view
        returns (IPromotion.BindingParams memory params)
    {
        uint64 model = _subnets[netuid].model;
        if ((modeSeed >> 3) % 8 == 0) model = _otherModel(model);
        params.model = ModelId.wrap(model);
        uint256 m = (modeSeed >> 6) % 16;
        params.minStreak = m == 0 ? 0 : m == 1 ? promotion.MAX_STREAK() + 1 : uint16(1 + m % 3);
        if ((modeSeed >> 10) % 4 != 0) params.bountyToken = (modeSeed >> 12) % 2 == 0 ? token0 : token1;
        params.bounty = bountySeed % 4 == 0 ? 0 : uint128(_bound(bountySeed, 1, 1e22));
        // Without a token, mostly no bounty: one time in eight, a bounty that must be refused.
        if (address(params.bountyToken) == address(0) && (bountySeed >> 80) % 8 != 0) params.bounty = 0;
        params.tagPrefix = PromotionRules.prefix(prefixSeed);
    }

    /// @dev Why {bind} should refuse, in the order it checks (empty: it should not).
    function _bindRefusal(uint256 netuid, address caller, IPromotion.BindingParams memory params)
        private
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

    /// @dev Records a binding made, and checks the contract's record of it.
    function _recordBinding(uint256 netuid, IPromotion.BindingParams memory params) private {
        SubnetGhost storage s = _subnets[netuid];
        string memory prefix = params.tagPrefix;
        if (bytes(prefix).length == 0) prefix = string.concat("sn", PromotionRules.decimal(netuid), "-e");
        uint256 id = ++bindingCount;
        BindingGhost storage g = _bindings[id];
        (g.netuid, g.model, g.token, g.bounty) =
            (netuid, uint64(ModelId.unwrap(params.model)), params.bountyToken, params.bounty);
        (g.minStreak, g.subnetOwner, g.prefix, g.live) = (params.minStreak, s.owner, prefix, true);
        s.binding = id;
        IPromotion.Binding memory b = promotion.bindingOf(netuid);
        if (keccak256(bytes(b.tagPrefix)) != keccak256(bytes(prefix))) _surprise("bound with another prefix");
        if (b.escrow != 0 || b.promotions != 0 || b.subnetOwner != s.owner) _surprise("bound with a stale record");
    }

    /// @dev The parent a declaration names: none (one time in eight), a version that does not exist (one time in
    /// eight, or when the model has none), else an existing version of either model.
    function _parentChoice(uint256 parentSeed)
        private
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

    /// @dev Records a promotion made, its bounty credited, and checks the contract's balances of it.
    function _recordPromotion(uint256 netuid, Expectation memory e, uint64 index) private {
        SubnetGhost storage s = _subnets[netuid];
        BindingGhost storage b = _bindings[s.binding];
        address coldkey = coldkeyOf(netuid, e.uid);
        _records.push(
            Record({
                model: b.model,
                index: index,
                netuid: netuid,
                uid: e.uid,
                hotkey: hotkeyOf(netuid, e.uid, _neurons[netuid][e.uid].generation),
                coldkey: coldkey,
                epoch: s.epoch,
                weightsCid: e.weightsCid,
                tag: e.tag,
                parent: e.parent,
                binding: s.binding
            })
        );
        _promotedAs[b.model][keccak256(e.weightsCid)] = index + 1;
        if (e.bounty != 0) {
            b.credited += e.bounty;
            unclaimed[coldkey][b.token] += e.bounty;
        }
        if (address(b.token) != address(0) && promotion.bountyOf(coldkey, b.token) != unclaimed[coldkey][b.token]) {
            _surprise("bounty credited is not the model's");
        }
        if (promotion.bindingOf(netuid).escrow != b.funded - b.credited) _surprise("escrow after promote");
    }

    /// @dev The registry's refusal of `tag` for `model` if another version has it, else nothing.
    function _tagTaken(uint64 model, string memory tag) private view returns (bytes memory) {
        try registry.getVersionByTag(ModelId.wrap(model), tag) returns (IModelRegistry.VersionInfo memory v) {
            return abi.encodeWithSelector(IModelRegistry.RegistryTagTaken.selector, model, tag, v.index);
        } catch {
            return "";
        }
    }

    /// @dev One epoch of subnet `netuid` completes, led by `uid` (or nobody), recorded as `Subnets` records it.
    function _completeEpoch(uint256 netuid, bool exists, uint16 uid) private {
        SubnetGhost storage s = _subnets[netuid];
        if (!exists) {
            (s.leaderExists, s.leader, s.streak, s.leaderCandidateAt) = (false, 0, 0, 0);
        } else {
            uint64 candidateAt = _neurons[netuid][uid].publishedAt;
            bool scored = candidateAt != 0 && candidateAt < s.epochStart;
            if (s.leaderExists && s.leader == uid && s.leaderCandidateAt == candidateAt) {
                if (scored) ++s.streak;
            } else {
                (s.leaderExists, s.leader, s.leaderCandidateAt) = (true, uid, candidateAt);
                s.streak = scored ? 1 : 0;
            }
        }
        ++s.epoch;
        s.epochStart = ++_clock;
    }

    /// @dev The model's latest live version, or none.
    function _latestLive(uint64 model) private view returns (IModelRegistry.VersionRef memory ref) {
        for (uint64 i = registry.getModel(ModelId.wrap(model)).versionCount; i > 0; --i) {
            if (!registry.getVersion(ModelId.wrap(model), i - 1).deprecated) {
                return IModelRegistry.VersionRef(ModelId.wrap(model), i - 1);
            }
        }
    }

    function _otherModel(uint64 model) private view returns (uint64) {
        return model == uint64(ModelId.unwrap(modelA)) ? uint64(ModelId.unwrap(modelB)) : uint64(ModelId.unwrap(modelA));
    }
}
