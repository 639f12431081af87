import pytest
from django.contrib import admin

from guide import models as guide_models
from stories.models import Story


@pytest.fixture
def admin_client_with_data(client, guide, django_user_model):
    staff = django_user_model.objects.create_superuser("staff", "staff@example.com", "pw-staff-123")
    client.force_login(staff)
    return client


def test_every_guide_and_story_model_has_a_working_admin(admin_client_with_data, story):
    registered = [m for m in admin.site._registry if m._meta.app_label in ("guide", "stories")]
    assert guide_models.Question in registered and Story in registered
    for model in registered:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = admin_client_with_data.get(url)
        assert response.status_code == 200, url
        assert admin_client_with_data.get(url, {"q": "candor"}).status_code == 200, url


def test_staff_edit_the_values_a_question_category_probes(admin_client_with_data):
    category = guide_models.QuestionCategory.objects.get(slug="innovation-member-focus")
    html = admin_client_with_data.get("/admin/guide/questioncategory/").content.decode()
    assert "Innovation &amp; Risk-Taking, Customer Obsession" in html
    response = admin_client_with_data.get(f"/admin/guide/questioncategory/{category.pk}/change/")
    assert 'name="values"' in response.content.decode()


def test_the_question_admin_filters_by_category(admin_client_with_data):
    category = guide_models.QuestionCategory.objects.get(slug="freedom-responsibility")
    html = admin_client_with_data.get(f"/admin/guide/question/?category__id__exact={category.pk}").content.decode()
    assert "5 questions" in html
