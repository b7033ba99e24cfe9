from django import forms

from workshops import registration


class RegistrationUploadForm(forms.Form):
    """A registration list to preview; cleaning reads the file, so its problems show here."""

    file = forms.FileField(
        label="Upload a registration list",
        help_text=(
            "A CSV file from Eventbrite, Zoom or Teams, or a spreadsheet saved as CSV. It needs "
            "a Name column (or First name and Last name); Email and Organisation columns help "
            "match people already on the platform."
        ),
        error_messages={
            "required": "Choose a CSV file to upload.",
            "empty": "The file is empty. Choose the file with the list in it.",
            "invalid": "Choose a CSV file to upload.",
        },
        widget=forms.FileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )

    def clean_file(self) -> registration.CsvTable:
        try:
            return registration.read_upload(self.cleaned_data["file"])
        except registration.RegistrationFileError as error:
            raise forms.ValidationError(str(error)) from None
