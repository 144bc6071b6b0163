"""The EICAR test file, alone and inside files the portal accepts.

EICAR is a harmless 68-byte text that every antivirus reports as a virus. The portal refuses
a bare text file before any scan (its content is not a PDF), so the end-to-end tests hide it
in an otherwise valid PDF or ZIP: the test signature matches it anywhere in the stream.
"""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from demo.fichiers import pdf_demo

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
# What the test database (conftest.clamd) names it: ClamAV suffixes unofficial signatures.
SIGNATURE = "Eicar-Test-NDB.UNOFFICIAL"


def pdf_infecte(nom="courrier.pdf"):
    contenu = pdf_demo("Courrier") + b"%" + EICAR + b"\n"
    return SimpleUploadedFile(nom, contenu, content_type="application/pdf")


def zip_infecte(nom="plans.zip"):
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("plans/lisez-moi.txt", "Plans de l'atelier.")
        archive.writestr("plans/eicar.com", EICAR)
    return SimpleUploadedFile(nom, tampon.getvalue(), content_type="application/zip")
