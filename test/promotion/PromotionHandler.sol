// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PromotionModel} from "./PromotionModel.sol";
import {PromotionRules} from "./PromotionRules.sol";

import {IModelRegistry} from "../../contracts/interfaces/IModelRegistry.sol";
import {IPromotion} from "../../contracts/interfaces/IPromotion.sol";
import {MockPromotionSubnets} from "../../contracts/mocks/MockPromotionSubnets.sol";
import {Promotion} from "../../contracts/promotion/Promotion.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {ModelId} from "../../contracts/types/ModelId.sol";

/// @notice Drives one promotion contract over a real registry and a test double of the subnets: three subnets (1 and
/// 2 record model A, 3 records model B) of four UIDs each, whose UIDs publish candidates from six weights, get
/// replaced, and declare parents; epochs complete with leaders chosen at random and streaks kept by the epoch's rule;
/// subnets change hands; the model's owner binds (with every kind of bad parameter too), revokes, publishes versions
/// by hand, deprecates and restores them, and withdraws and restores the promotion's right to publish; funders fund
/// the escrows; anyone promotes; coldkeys claim. Every action is made whether or not it should succeed, and its
/// outcome, down to the revert data, is checked against a model kept here; an outcome other than the model's is
/// counted in {surprises}.
contract PromotionHandler is PromotionModel {
    constructor(
        ModelRegistry registry_,
        Promotion promotion_,
        MockPromotionSubnets subnets_,
        ModelId modelA_,
        ModelId modelB_,
        IERC20 token0_,
        IERC20 token1_
    ) PromotionModel(registry_, promotion_, subnets_, modelA_, modelB_, token0_, token1_) {}

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
        if (address(b.token) != address(0)) flows[b.token].returned += escrow;
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
        flows[b.token].received += got;
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

    /// @notice One to four epochs of a subnet complete, each led by the same choice: nobody (one time in eight),
    /// the last leader if any (most often, so that streaks grow), or another UID (one with a candidate if any). Streaks follow `Subnets`: a
    /// candidate counts from the first epoch that started after it was published; a new leader or candidate restarts.
    function completeEpochs(uint256 netuidSeed, uint256 leaderSeed, uint256 countSeed) external {
        uint256 netuid = netOf(netuidSeed);
        SubnetGhost storage s = _subnets[netuid];
        uint256 mode = leaderSeed % 8;
        bool exists = mode != 0;
        uint16 uid = mode <= 4 && s.leaderExists ? s.leader : _withCandidate(netuid, (leaderSeed >> 3) % UIDS);
        for (uint256 i = 1 + countSeed % 4; i > 0; --i) {
            _completeEpoch(netuid, exists, uid);
        }
        subnets.setLeader(netuid, s.epoch, s.leaderExists, s.leader, s.streak, s.leaderCandidateAt);
        ++successes[msg.sig];
    }

    /// @notice A subnet changes hands (one time in four), or goes back to the owner its bindings are made with: a
    /// binding made with the other owner stops promoting.
    function transferSubnet(uint256 netuidSeed) external {
        uint256 netuid = netOf(netuidSeed);
        SubnetGhost storage s = _subnets[netuid];
        s.owner = (netuidSeed >> 8) % 4 == 0 && s.owner == SUBNET_OWNER ? NEXT_SUBNET_OWNER : SUBNET_OWNER;
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
        if (e.status == IPromotion.Status.Ready && !_checkAgrees(netuid, c, e)) {
            return _surprise("check's promotion is not the model's");
        }
        if (e.status == IPromotion.Status.TagTaken) ++tagTaken;
        uint64 count = registry.getModel(ModelId.wrap(_subnets[netuid].model)).versionCount;

        vm.prank(callerSeed % 2 == 0 ? STRANGER : coldkeyAt(callerSeed));
        (bool ok, bytes memory ret) = address(promotion).call(abi.encodeCall(promotion.promote, (netuid)));
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
        flows[token].claimed += amount;
        if (promotion.bountyOf(account, token) != 0) _surprise("bounty left after a claim");
        ++successes[msg.sig];
    }

    // ------------------------------------------------------------ private

    /// @dev The parameters of a binding: the subnet's model (one time in eight the other), a minimum streak of 1
    /// (mostly) to 3 (one time in eight 0 or past the maximum), a bounty token (one time in four none) and bounty, a prefix.
    function _bindingParams(uint256 netuid, uint256 modeSeed, uint256 bountySeed, uint256 prefixSeed)
        private
        view
        returns (IPromotion.BindingParams memory params)
    {
        uint64 model = _subnets[netuid].model;
        if ((modeSeed >> 3) % 8 == 0) model = _otherModel(model);
        params.model = ModelId.wrap(model);
        uint256 m = (modeSeed >> 6) % 16;
        params.minStreak = m == 0 ? 0 : m == 1 ? promotion.MAX_STREAK() + 1 : m < 10 ? 1 : uint16(1 + m % 3);
        if ((modeSeed >> 10) % 4 != 0) params.bountyToken = (modeSeed >> 12) % 2 == 0 ? token0 : token1;
        params.bounty = bountySeed % 4 == 0 ? 0 : uint128(_bound(bountySeed, 1, 1e22));
        // Without a token, mostly no bounty: one time in eight, a bounty that must be refused.
        if (address(params.bountyToken) == address(0) && (bountySeed >> 80) % 8 != 0) params.bounty = 0;
        params.tagPrefix = PromotionRules.prefix(prefixSeed);
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

    /// @dev The first UID from `start` on (cyclically) that has a candidate, else `start`.
    function _withCandidate(uint256 netuid, uint256 start) private view returns (uint16) {
        for (uint256 i; i < UIDS; ++i) {
            uint256 uid = (start + i) % UIDS;
            if (_neurons[netuid][uid].publishedAt != 0) return uint16(uid);
        }
        return uint16(start);
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
}
