from rest_framework.routers import SimpleRouter

from clusters.api import views

router = SimpleRouter()
router.register("units", views.OrgUnitViewSet, basename="unit")
router.register("groups", views.EmulationGroupViewSet, basename="group")
urlpatterns = router.urls
