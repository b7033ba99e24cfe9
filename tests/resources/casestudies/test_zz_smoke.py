import time
from resources.reports import documents
from partnerships.pdf import html_to_pdf

def test_smoke(published, world):
    doc = documents.case_study_document(published)
    for i in range(3):
        t = time.perf_counter(); pdf, pages = html_to_pdf(doc.html); print("case", time.perf_counter()-t, pages)
    open("/tmp/cs_case.pdf","wb").write(pdf)
    t = time.perf_counter(); doc = documents.area_progress_document(world.area_a); print("html", time.perf_counter()-t)
    t = time.perf_counter(); pdf, pages = html_to_pdf(doc.html); open("/tmp/cs_area.pdf","wb").write(pdf); print("area", pages, time.perf_counter()-t)
    doc = documents.programme_document(world.area_a.cohort)
    pdf, pages = html_to_pdf(doc.html); open("/tmp/cs_prog.pdf","wb").write(pdf); print("prog", pages)
