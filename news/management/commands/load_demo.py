"""`manage.py load_demo`: fill the portal with demo content, as often as you like."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app with demo content adds its loader here: a function taking no arguments that writes
# its rows idempotently and returns {label: tally}, where str(tally) reads well in a summary.
DEMO_LOADERS = ("news.demo.load",)


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (cấu hình trang, chuyên mục, bài viết, ảnh, tin liên quan). "
        "Chạy lại nhiều lần không tạo bản ghi trùng và không thay đổi gì thêm."
    )

    def handle(self, *args, **options):
        summary = {}
        with transaction.atomic():
            for path in DEMO_LOADERS:
                summary.update(import_string(path)())
        if options["verbosity"] >= 1:
            for label, tally in summary.items():
                self.stdout.write(f"  {label}: {tally}")
            self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
