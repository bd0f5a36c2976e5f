from django.utils.translation import gettext_lazy as _

from core.audit import register_actions

UNIT_CREATED = "clusters.orgunit.created"
UNIT_CHANGED = "clusters.orgunit.changed"
UNIT_RENAMED = "clusters.orgunit.renamed"
UNIT_PARENT_CHANGED = "clusters.orgunit.parent_changed"
LINEAGE_RECORDED = "clusters.lineage_event.recorded"
GROUP_CREATED = "clusters.emulation_group.created"
GROUP_CHANGED = "clusters.emulation_group.changed"
MEMBER_ADDED = "clusters.group_membership.created"
MEMBER_REMOVED = "clusters.group_membership.deleted"
TERM_SET = "clusters.group_term.set"
YEAR_COPIED = "clusters.emulation_group.year_copied"
ORG_IMPORTED = "clusters.org.imported"

register_actions(
    {
        UNIT_CREATED: _("Organisation unit created"),
        UNIT_CHANGED: _("Organisation unit changed"),
        UNIT_RENAMED: _("Organisation unit renamed"),
        UNIT_PARENT_CHANGED: _("Parent of organisation unit changed"),
        LINEAGE_RECORDED: _("Merge, split or establishment recorded"),
        GROUP_CREATED: _("Cluster/block created"),
        GROUP_CHANGED: _("Cluster/block changed"),
        MEMBER_ADDED: _("Unit added to cluster/block"),
        MEMBER_REMOVED: _("Unit removed from cluster/block"),
        TERM_SET: _("Head and deputy of cluster/block set"),
        YEAR_COPIED: _("Clusters/blocks copied to the next year"),
        ORG_IMPORTED: _("Organisation data imported"),
    }
)
