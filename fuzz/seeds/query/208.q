who is a disciple of Iyad ag Ghali
