from rest_framework.routers import SimpleRouter

from campaigns.api import views

router = SimpleRouter()
router.register("movements", views.MovementViewSet, basename="movement")
router.register("registrations", views.RegistrationViewSet, basename="registration")
urlpatterns = router.urls
